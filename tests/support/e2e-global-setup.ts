import { ensureH5Build } from '../../local/h5-build';
import { buildConsole } from '../../console/build';
import globalSetup from './global-setup';

/**
 * The end-to-end files each start a local stack, in parallel workers: the H5 and console builds happen here once, before
 * any of them, so two workers never build into the same folder at the same time.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  await globalSetup();
  await ensureH5Build({ log: (line: string) => process.stdout.write(`${line}\n`) });
  await buildConsole();
}
