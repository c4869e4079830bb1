import fs from 'fs';
import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { Compiler, Module } from 'webpack';

const sharedDir = path.resolve(__dirname, '../../shared');

/**
 * Build-time values. Taro injects `TARO_APP_*` keys only from `.env*` files; we also take them from the shell
 * (CI, `TARO_APP_API_BASE_URL=… npm run build:h5`) and give every key the code reads a default, so no
 * `process.env.X` is left unreplaced in a bundle (the mini-program has no `process`).
 */
const buildEnvDefaults: Record<string, string> = {
  TARO_APP_API_BASE_URL: 'http://127.0.0.1:3000',
  TARO_APP_PUBLIC_URL: '',
  TARO_APP_CONSOLE_URL: '',
};
function buildEnv(): Record<string, string> {
  const env: Record<string, string> = { ...buildEnvDefaults };
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('TARO_APP_') && value !== undefined) env[key] = value;
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, JSON.stringify(v)]));
}

/**
 * `MINIAPP_STATS=<file>`: writes which modules went into which output file and what imports each (webpack's stats,
 * trimmed), for bench/miniapp-size.ts and the package test: code that only subpackage pages import must not land in
 * the main package.
 */
class ModuleReportPlugin {
  constructor(private readonly file: string) {}
  apply(compiler: Compiler) {
    // Every module each entry (app, a page) imports, directly or not, read before modules are concatenated.
    let reach: Record<string, string[]> = {};
    compiler.hooks.thisCompilation.tap('module-report', (compilation) => {
      compilation.hooks.finishModules.tap('module-report', () => {
        reach = {};
        for (const [name, entry] of compilation.entries) {
          const seen = new Set<Module>();
          const queue = entry.dependencies.map((d) => compilation.moduleGraph.getModule(d)).filter((m): m is Module => Boolean(m));
          while (queue.length) {
            const m = queue.pop()!;
            if (seen.has(m)) continue;
            seen.add(m);
            for (const c of compilation.moduleGraph.getOutgoingConnections(m)) if (c.module && !seen.has(c.module)) queue.push(c.module);
          }
          reach[name] = [...seen].map((m) => m.identifier());
        }
      });
    });
    compiler.hooks.done.tap('module-report', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, modules: true, nestedModules: true, ids: true });
      fs.writeFileSync(this.file, JSON.stringify({ chunks: json.chunks, modules: json.modules, reach }));
    });
  }
}

/** NutUI is drawn for a 375 px wide screen; our own styles for 750. */
const designWidth = (input?: unknown): number => {
  const file = typeof input === 'object' && input !== null ? (input as { file?: string }).file : undefined;
  if (file?.replace(/\\+/g, '/').includes('@nutui')) return 375;
  return 750;
};

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'retail-membership-miniapp',
    date: '2026-11-23',
    designWidth,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // MINIAPP_OUTPUT_ROOT: a build elsewhere (the package-size test builds into a temporary folder).
    outputRoot: process.env.MINIAPP_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    env: buildEnv(),
    defineConstants: {},
    alias: { '@shared': sharedDir },
    // project.config.json: Taro itself writes miniapp/project.config.json into dist/weapp (with
    // miniprogramRoot './' and TARO_APP_ID as the appid when set), so no copy.patterns entry is needed.
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      // Taro's default, said out loud: a module only subpackage pages import goes into that subpackage (several
      // subpackages: a copy in each), never the main package. tests/bundles.test.ts checks the result.
      optimizeMainPackage: { enable: true },
      webpackChain(chain) {
        if (process.env.MINIAPP_STATS) chain.plugin('module-report').use(ModuleReportPlugin, [process.env.MINIAPP_STATS]);
      },
      // TypeScript from the root shared/ folder must go through babel too; a top-level `compile` is ignored.
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      compile: { include: [sharedDir] },
      router: { mode: 'hash' },
      // Pages load as async chunks; without shared groups each page chunk carried its own copy of NutUI,
      // zod and the Taro components (~270 KB each).
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            vendors: { name: 'vendors', test: /[\\/]node_modules[\\/]/, priority: 10, reuseExistingChunk: true },
            common: { name: 'common', minChunks: 2, priority: 5, reuseExistingChunk: true },
          },
        });
      },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
