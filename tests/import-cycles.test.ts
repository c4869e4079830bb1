import path from 'node:path';
import madge from 'madge';

/**
 * No import cycles, type-only imports included: a cycle means two modules can't be understood (or loaded)
 * apart, and the HTTP layer must never reach back into the services it calls.
 */
const root = path.join(__dirname, '..');

it.each([
  [['functions', 'shared', 'local', 'bench', 'infra', 'tests'], 'tsconfig.json'],
  [['miniapp/src'], 'miniapp/tsconfig.json'],
])('%s has no import cycles', async (dirs, tsConfig) => {
  const graph = await madge(
    dirs.map((d) => path.join(root, d)),
    { baseDir: root, fileExtensions: ['ts', 'tsx'], tsConfig: path.join(root, tsConfig), excludeRegExp: [/node_modules/, /\.d\.ts$/] },
  );
  expect(graph.circular()).toEqual([]);
}, 120_000);
