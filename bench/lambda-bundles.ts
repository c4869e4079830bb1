import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { routeGroups } from '../shared/routes';

/**
 * Each Lambda bundled as the CDK stack bundles it (NodejsFunction: esbuild, minified, CommonJS, Node 22, the AWS
 * SDK left to the runtime). Shared by `npm run bench -- bundles` and tests/bundles.test.ts (the size budget).
 */
export const ROOT = path.join(__dirname, '..');
/**
 * The budget. 300 KB until issue 10: every API function carries every feature's route schemas (the HTTP layer reads
 * the whole route table), and coupons brought the staff function to ~335 KB. Raised to 360 KB, where the budget still
 * catches what it is for (a whole zod namespace with its locales is ~350 KB on its own); cold init per KB is in
 * `npm run bench -- bundles`. The lasting fix is a route table per function (each Lambda only its group's schemas).
 */
export const BUNDLE_LIMIT_KB = 360;

/** Every function the stack deploys: one per route group, the jobs and the stream consumer (functions/handlers/<name>.ts). */
export const lambdaNames = (): string[] => [...routeGroups, 'jobs', 'events'];

export interface LambdaBundle {
  name: string;
  file: string;
  bytes: number;
  /** Bytes each package (or project folder) adds to the output, largest first. */
  contributions: Array<{ source: string; bytes: number }>;
  metafile: Metafile;
}

/** Where an input file comes from: its package in node_modules, else its project folder. */
export function sourceOf(input: string): string {
  const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return pkg ? pkg[1] : path.dirname(path.relative(ROOT, path.resolve(ROOT, input)));
}

export async function bundleLambda(name: string, outDir: string): Promise<LambdaBundle> {
  const file = path.join(outDir, `${name}.js`);
  fs.mkdirSync(outDir, { recursive: true });
  const { metafile } = await build({
    entryPoints: [path.join(ROOT, 'functions', 'handlers', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    external: ['@aws-sdk/*'],
    outfile: file,
    metafile: true,
    logLevel: 'silent',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    absWorkingDir: ROOT,
  });
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  const bySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) bySource.set(sourceOf(input), (bySource.get(sourceOf(input)) ?? 0) + bytesInOutput);
  const contributions = [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { name, file, bytes: fs.statSync(file).size, contributions, metafile };
}

/** The inputs of a bundle whose path matches, e.g. zod's locales. */
export const inputsMatching = (b: LambdaBundle, re: RegExp) => Object.keys(Object.values(b.metafile.outputs).find((o) => o.entryPoint)!.inputs).filter((f) => re.test(f));
