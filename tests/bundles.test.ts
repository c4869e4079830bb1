import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { build } from 'esbuild';
import { BUNDLE_LIMIT_KB, bundleLambda, inputsMatching, lambdaNames, ROOT, type LambdaBundle } from '../bench/lambda-bundles';
import { builtAppJson, PACKAGE_LIMIT_BYTES, placeModules, subpackageOnlyInMain, subpackageRoots, TOTAL_LIMIT_BYTES, weappPackages } from '../bench/miniapp-size';
import { resetConfig } from '../functions/commons/config';
import { routeGroups, routeKeyOf, routes, type RouteDef, type RouteGroup } from '../shared/routes';

/**
 * What ships: each Lambda as the CDK stack bundles it stays within its size budget, carries only the zod it uses,
 * and answers as the source does; the mini-program's code imports no zod at all (its client reads the zod-free
 * route manifest), so the shopper's package carries none.
 */
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-bundles-'));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const built = new Map<string, Promise<LambdaBundle>>();
const bundleOf = (name: string) => {
  if (!built.has(name)) built.set(name, bundleLambda(name, OUT));
  return built.get(name)!;
};
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

describe.each(lambdaNames())('the %s Lambda', (name) => {
  it(`is at most ${BUNDLE_LIMIT_KB} KB minified`, async () => {
    const b = await bundleOf(name);
    const largest = b.contributions.slice(0, 6).map((c) => `${c.source} ${kb(c.bytes)} KB`);
    expect({ name, kb: kb(b.bytes), withinBudget: b.bytes <= BUNDLE_LIMIT_KB * 1024, largest }).toMatchObject({ withinBudget: true });
  });

  // `import { z } from 'zod'` makes esbuild keep the whole namespace, every locale included (~350 KB); write
  // `import * as z from 'zod'` (zod's own advice), and esbuild keeps what the code uses.
  it("carries no zod locale but English (import zod as `import * as z from 'zod'`)", async () => {
    expect(inputsMatching(await bundleOf(name), /zod\/v4\/locales\/(?!en\.js$)/)).toEqual([]);
  });

  it('carries zod-to-openapi only if it serves the OpenAPI document', async () => {
    if (name === routes.openapi.group) return;
    expect(inputsMatching(await bundleOf(name), /@asteasolutions\/zod-to-openapi/)).toEqual([]);
  });
});

describe('each API bundle answers as the source does', () => {
  const env = {
    APP_SECRETS_JSON: JSON.stringify({ rootKey: 'r'.repeat(40) }),
    TABLE_NAME: 'bundle-check-no-table',
    DEV_SIGN_IN: '1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'cn-north-1',
  };
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [k, v] of Object.entries(env)) [saved[k], process.env[k]] = [process.env[k], v];
    resetConfig();
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
    resetConfig();
  });

  const event = (route: RouteDef, body?: string, lang = 'en'): APIGatewayProxyEventV2 =>
    ({
      version: '2.0',
      routeKey: routeKeyOf(route),
      rawPath: route.path,
      rawQueryString: '',
      headers: { 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body }),
      pathParameters: Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'x'])),
      isBase64Encoded: false,
      requestContext: { http: { method: route.method, sourceIp: '127.0.0.1' } },
    }) as unknown as APIGatewayProxyEventV2;

  /**
   * Nothing here reaches the table: without credentials every route but a public one answers 401, and a public
   * route given a body that fits no schema answers 400 (with zod's messages and paths) before its service runs.
   */
  function eventsOf(group: RouteGroup): APIGatewayProxyEventV2[] {
    const own = (Object.values(routes) as RouteDef[]).filter((r) => r.group === group && (r.auth.kind !== 'public' || r.body));
    const out = own.map((r) => event(r, r.body ? '[]' : undefined));
    if (group === 'public') {
      out.push(
        event(routes.openapi),
        event(routes.devVerifyOtp, JSON.stringify({ phone: 5, code: '12' })),
        event(routes.devVerifyOtp, JSON.stringify({ phone: '1380013', code: 'abc' }), 'zh-CN'),
        event(routes.staffLogin, JSON.stringify({ username: '', password: 'x'.repeat(300), registerId: 7 })),
        event(routes.devSendOtp, '{not json'),
        { ...event(routes.openapi), routeKey: 'GET /nowhere' },
      );
    }
    return out;
  }

  it.each(routeGroups)('%s', async (group) => {
    const events = eventsOf(group);
    const { file } = await bundleOf(group);
    // The runtime provides the AWS SDK (left out of the bundle): here, the project's node_modules.
    const script = `const { handler } = require(${JSON.stringify(file)});
(async () => { const out = []; for (const e of JSON.parse(require('fs').readFileSync(0, 'utf8'))) out.push(await handler(e, { awsRequestId: 'check' }));
process.stdout.write('\\n@@\\n' + JSON.stringify(out)); })();`;
    const stdout = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(events), env: { ...process.env, ...env, NODE_PATH: path.join(ROOT, 'node_modules') }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const fromBundle = JSON.parse(stdout.slice(stdout.indexOf('\n@@\n') + 4)) as APIGatewayProxyStructuredResultV2[];

    const { handler } = (await import(`../functions/handlers/${group}`)) as { handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2> };
    const fromSource: APIGatewayProxyStructuredResultV2[] = [];
    for (const e of events) fromSource.push(JSON.parse(JSON.stringify(await handler(e, { awsRequestId: 'check' } as Context))));

    expect(fromBundle).toEqual(fromSource);
    // What was compared: refusals only (and the document), never a 500.
    expect(fromSource.map((r) => r.statusCode).filter((s) => s === undefined || s >= 500)).toEqual([]);
  });
});

describe('the mini-program', () => {
  it('imports no zod at run time (its client reads shared/route-manifest.ts; types are erased)', async () => {
    const src = path.join(ROOT, 'miniapp', 'src');
    const entryPoints = (fs.readdirSync(src, { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => path.join(src, f));
    const { metafile } = await build({
      entryPoints,
      bundle: true,
      write: false,
      metafile: true,
      outdir: path.join(OUT, 'miniapp'),
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
      tsconfig: path.join(ROOT, 'miniapp', 'tsconfig.json'),
      loader: { '.scss': 'empty', '.css': 'empty', '.png': 'empty', '.svg': 'empty', '.jpg': 'empty' },
      plugins: [
        {
          // Packages stay out (only what imports them matters); @shared/* is our code, resolved by the tsconfig paths.
          name: 'packages-external',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@shared/') ? undefined : { path: args.path, external: true }));
          },
        },
      ],
    });
    const zodImporters = Object.entries(metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => i.path === 'zod' || i.path.startsWith('zod/')))
      .map(([file]) => file);
    expect(zodImporters).toEqual([]);
    // The check sees the shared code the app uses (so an import of a schema module would show).
    expect(Object.keys(metafile.inputs)).toEqual(expect.arrayContaining([expect.stringMatching(/shared\/route-manifest\.ts$/)]));
  });
});

/**
 * The weapp build, package by package (a build of its own, in a temporary folder, ~20 s): the main package holds the
 * card, sign-in, join and privacy pages and stays within WeChat's 2 MB, as does each subpackage (20 MB in all), and no
 * code that only subpackage pages import (the cashier's, the points page's NutUI components…) is in the main package.
 */
describe('the mini-program as WeChat receives it', () => {
  const dist = path.join(OUT, 'weapp');
  const statsFile = path.join(OUT, 'weapp-modules.json');
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'weapp'], {
      cwd: path.join(ROOT, 'miniapp'),
      env: { ...process.env, NODE_ENV: 'production', MINIAPP_OUTPUT_ROOT: dist, MINIAPP_STATS: statsFile },
      stdio: 'ignore',
    });
  }, 240_000);

  it('has exactly the card, sign-in, join and privacy pages in its main package', () => {
    expect(builtAppJson(dist).pages).toEqual(['pages/card/index', 'pages/login/index', 'pages/join/index', 'pages/privacy/index']);
  });

  it("keeps each package within WeChat's 2 MB and the whole app within 20 MB", () => {
    const packages = weappPackages(dist);
    const sizes = Object.fromEntries(packages.map((p) => [p.name, kb(p.bytes)]));
    expect({ sizes, over: packages.filter((p) => p.bytes > PACKAGE_LIMIT_BYTES).map((p) => p.name) }).toMatchObject({ over: [] });
    expect(packages.reduce((n, p) => n + p.bytes, 0)).toBeLessThanOrEqual(TOTAL_LIMIT_BYTES);
    expect(packages.length).toBeGreaterThan(1);
  });

  it('puts code only subpackage pages import into those subpackages, never the main package', () => {
    const roots = subpackageRoots(dist);
    const placed = placeModules(JSON.parse(fs.readFileSync(statsFile, 'utf8')), roots);
    expect(subpackageOnlyInMain(placed, roots).map((m) => `${m.name} (imported by ${m.entries.join(', ')})`)).toEqual([]);
    // The analysis sees the cashier's code, and finds it in the staff subpackage only.
    const cashier = placed.filter((m) => m.name.includes('pages/staff/cashier/'));
    expect(cashier.length).toBeGreaterThan(0);
    expect([...new Set(cashier.flatMap((m) => m.packages))]).toEqual(['pages/staff']);
  });
});
