/**
 * Builds the mini-program for H5 when the build is missing or stale, so `npm start` always serves current code
 * without paying ~30 s for a rebuild on every start.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './env';

export const H5_DIST = path.join(REPO_ROOT, 'miniapp', 'dist', 'h5');

export interface EnsureH5BuildOptions {
  force?: boolean;
  /** Build-time variables (e.g. TARO_APP_API_BASE_URL). */
  env?: Record<string, string>;
  /**
   * Rebuild when `env` differs from the last build's (default true). The local stack passes false: the H5 app takes
   * its API address from /config.js at run time, so a different port must not cost a 30 s rebuild.
   */
  rebuildOnEnvChange?: boolean;
  log?: (line: string) => void;
}

/** Inputs of the build. Tests are not, and neither are outputs or dependencies. */
const SOURCE_DIRS = ['miniapp/src', 'miniapp/config', 'shared'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '__tests__', '__mocks__', '.git']);
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
/** Written next to the build: which env it was built with. */
const STAMP = '.local-build.json';

function newestMtime(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) newest = Math.max(newest, newestMtime(p));
    } else if (e.isFile() && !TEST_FILE.test(e.name)) {
      newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  }
  return newest;
}

/** Top-level config files of miniapp/ (babel, tsconfig, project.config.json, package.json) count too. */
function newestMiniappRootFile(): number {
  const dir = path.join(REPO_ROOT, 'miniapp');
  let newest = 0;
  try {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isFile()) newest = Math.max(newest, fs.statSync(path.join(dir, e.name)).mtimeMs);
    }
  } catch {
    /* no miniapp yet */
  }
  return newest;
}

const envHash = (env: Record<string, string>) =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(env).sort(([a], [b]) => a.localeCompare(b))))
    .digest('hex');

/** Why a rebuild is needed, or null when the build is current. */
export function h5BuildStaleness(env: Record<string, string> = {}, checkEnv = true): string | null {
  const index = path.join(H5_DIST, 'index.html');
  let builtAt: number;
  try {
    builtAt = fs.statSync(index).mtimeMs;
  } catch {
    return 'no build yet';
  }
  const newestSource = Math.max(newestMiniappRootFile(), ...SOURCE_DIRS.map((d) => newestMtime(path.join(REPO_ROOT, d))));
  if (newestSource > builtAt) return 'sources changed since the last build';
  if (!checkEnv) return null;
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(H5_DIST, STAMP), 'utf8')) as { envHash?: string };
    if (stamp.envHash !== envHash(env)) return 'build settings changed';
  } catch {
    return 'built outside `npm start` (settings unknown)';
  }
  return null;
}

/** Runs `npm run build:h5` if needed; resolves to the dist directory. Rejects if the build fails. */
export async function ensureH5Build(opts: EnsureH5BuildOptions = {}): Promise<string> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const env = opts.env ?? {};
  const reason = opts.force ? 'forced' : h5BuildStaleness(env, opts.rebuildOnEnvChange ?? true);
  if (!reason) {
    log('[h5] build is current');
    return H5_DIST;
  }
  log(`[h5] building the H5 app (${reason}); this takes about half a minute...`);
  const started = Date.now();
  const lastLines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:h5'], {
      cwd: REPO_ROOT,
      // NODE_ENV from the caller (jest sets 'test') would change Taro's mode; the app is always built for production.
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the whole tree (npm → sh → taro → webpack workers) can be killed at once.
      detached: process.platform !== 'win32',
    });
    // If we exit mid-build (Ctrl-C, SIGTERM), take the build down with us rather than leave it running.
    const killTree = () => {
      try {
        if (child.pid) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    };
    process.on('exit', killTree);
    child.once('exit', () => process.off('exit', killTree));
    // Prefix every line so the build's output is easy to tell from the servers' logs.
    const pipe = (stream: NodeJS.ReadableStream) => {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (partial + chunk).split(/\r?\n/);
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          log(`[h5] ${line}`);
          lastLines.push(line);
          if (lastLines.length > 20) lastLines.shift();
        }
      });
      stream.on('end', () => partial.trim() && log(`[h5] ${partial}`));
    };
    pipe(child.stdout!);
    pipe(child.stderr!);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      // The output was already streamed above; the message stays one line.
      else reject(Object.assign(new Error(`npm run build:h5 failed (${signal ?? `exit code ${code}`}); see the [h5] lines above`), { output: lastLines.join('\n') }));
    });
  });
  if (!fs.existsSync(path.join(H5_DIST, 'index.html'))) {
    throw new Error(`npm run build:h5 finished but ${path.relative(REPO_ROOT, H5_DIST)}/index.html is missing`);
  }
  fs.writeFileSync(path.join(H5_DIST, STAMP), JSON.stringify({ envHash: envHash(env), builtAt: new Date().toISOString() }));
  log(`[h5] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return H5_DIST;
}
