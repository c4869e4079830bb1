/**
 * The whole system on one machine: DynamoDB Local, the table, demo data, every Lambda group behind a local
 * API Gateway, the job scheduler and the H5 app. Used by `npm start` and by the integration/e2e test setup.
 */
import fs from 'node:fs';
import type { Context } from 'aws-lambda';
import { routeGroups, type RouteGroup } from '../shared/routes';
import { BUSINESS_TIME_ZONE, jobSchedules } from '../shared/schedules';
import { startApiServer, type ApiServerOptions, type HttpHandler } from './api-server';
import { isPortFree, localDynamoClient, pingDynamo, startDynamoLocal, type DynamoLocal } from './dynamo';
import {
  applyLocalEnv,
  DATA_DIR,
  DEFAULT_API_PORT,
  DEFAULT_APP_PORT,
  DEFAULT_CONSOLE_PORT,
  DEFAULT_DYNAMO_PORT,
  DYNAMO_PID_FILE,
  isAlive,
  loadOrCreateSecrets,
  LocalSetupError,
  newSecrets,
  readStackFile,
  STACK_FILE,
  TABLE_NAME,
  type AppSecrets,
  type StackFile,
} from './env';
import { ensureH5Build, H5_DIST } from './h5-build';
import { localQueue, type LocalQueue } from './job-queue';
import { startScheduler } from './scheduler';
import { streamPoller } from './stream-poller';
import { appRuntimeConfig, consoleRuntimeConfig } from './runtime-config';
import { startStaticServer } from './static-server';
import { buildConsole, CONSOLE_DIST } from '../console/build';
import { ensureTable } from './table';

export interface SeedResult {
  created: boolean;
  staff: Array<{ username: string; password: string; role: string; scopeLabel: string; registerId?: string }>;
  stores: Array<{ storeId: string; name: string; registers: Array<{ registerId: string; scene: string }> }>;
}

export interface LocalStackOptions {
  /** true: in-memory database and fresh keys (tests); false: `.data/` survives restarts. */
  memory: boolean;
  /** undefined: 3000 if free, else any; 0: any free port; n: exactly n. */
  apiPort?: number;
  /** Same rule, default 5173. */
  appPort?: number;
  /** Build (if stale) and serve the H5 app. Default false. */
  buildH5?: boolean;
  /** Build and serve the staff console. Default false. */
  console?: boolean;
  /** Same rule as apiPort, default 5180. */
  consolePort?: number;
  /** Build the console before serving it (default true); the e2e setup builds once for every worker instead. */
  buildConsole?: boolean;
  /** Don't log each API request (benchmarks, tests). Errors and job runs are still logged. */
  quietLogs?: boolean;
  /** Interface to listen on; 0.0.0.0 lets a phone on the LAN reach the app. */
  host?: string;
  /** Replaces `local/seed.ts` (tests). */
  seed?: () => Promise<SeedResult>;
  log?: (line: string) => void;
  /** Sees every API answer (the e2e tests check each against the OpenAPI document). */
  onApiResponse?: ApiServerOptions['onResponse'];
}

export type JobsHandler = (event: { job: string; date?: string }, context: Context) => Promise<unknown>;

export interface LocalStack {
  apiUrl: string;
  appUrl?: string;
  /** The staff console, when served. */
  consoleUrl?: string;
  dynamo: DynamoLocal;
  tableName: string;
  seedResult: SeedResult;
  secrets: AppSecrets;
  /** Next due time of each scheduled job. */
  nextRuns(): Array<{ name: string; at: Date }>;
  /** Runs a job now, as the scheduler would (what `npm run job` does). */
  runJob(name: string, date?: string): Promise<unknown>;
  /**
   * Returns once every domain event written so far has been handled by the stream consumer (the background poll
   * keeps running): tests wait on this instead of sleeping, e.g. to see that a reaction wrote nothing.
   */
  drainEvents(): Promise<number>;
  stop(): Promise<void>;
}

/** undefined → the default port if free, else any; 0 → any; n → exactly n. */
async function pickPort(requested: number | undefined, preferred: number, host: string, log: (l: string) => void): Promise<number> {
  if (requested !== undefined) return requested;
  if (await isPortFree(preferred, host)) return preferred;
  log(`[stack] port ${preferred} is taken; using a free one`);
  return 0;
}

export function jobContext(name: string): Context {
  const deadline = Date.now() + 15 * 60_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'membership-jobs',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:000000000000:function:membership-jobs',
    memoryLimitInMB: '1024',
    awsRequestId: `local-job-${name}-${Date.now()}`,
    logGroupName: '/aws/lambda/membership-jobs',
    logStreamName: `local/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function loadJobsHandler(): Promise<JobsHandler> {
  const mod = (await import('../functions/handlers/jobs')) as unknown as { handler?: JobsHandler };
  if (typeof mod.handler !== 'function') throw new Error('functions/handlers/jobs.ts exports no `handler`');
  return mod.handler;
}

/**
 * The job-shard queue, emulated in process (local/job-queue.ts) and put where the jobs handler dispatches: a
 * scheduled run sends its shards to it and the same handler works them as SQS events, with the stack's retries
 * and a dead-letter list. `uninstall()` puts the handler back to working shards in process.
 */
export async function installJobQueue(jobs: JobsHandler, log: (line: string) => void): Promise<LocalQueue & { uninstall(): void }> {
  const { JOB_SHARD_MAX_RECEIVES, useShardQueue } = await import('../functions/jobs/shard-queue');
  const queue = localQueue({ name: 'job-shards', deliver: (event) => jobs(event as never, jobContext('shard')), maxReceiveCount: JOB_SHARD_MAX_RECEIVES, log });
  useShardQueue(queue);
  return Object.assign(queue, { uninstall: () => useShardQueue(undefined) });
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const host = opts.host ?? '127.0.0.1';
  fs.mkdirSync(DATA_DIR, { recursive: true });

  // Two persistent stacks would run two DynamoDB Locals on one database file. A file left by a crashed run is
  // ignored: its pid is gone (or reused by something else, so its database no longer answers).
  const other = readStackFile();
  const otherAlive = !!other && other.pid !== process.pid && isAlive(other.pid) && (await pingDynamo(other.endpoint));
  if (!opts.memory && otherAlive) {
    throw new LocalSetupError(`Another local stack is running (pid ${other!.pid}, API ${other!.apiUrl}). Stop it first, or use --memory.`);
  }

  // Everything started so far, stopped in reverse if a later step fails (or on stop()).
  const cleanups: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (err) {
        log(`[stack] cleanup failed: ${(err as Error).message}`);
      }
    }
  };

  try {
    const dynamo = opts.memory
      ? await startDynamoLocal({})
      : await startDynamoLocal({
          preferredPort: DEFAULT_DYNAMO_PORT,
          dataDir: DATA_DIR,
          pidFile: DYNAMO_PID_FILE,
        });
    cleanups.push(() => dynamo.stop());
    log(`[stack] DynamoDB Local ${opts.memory ? 'in memory' : `on ${DATA_DIR}`} at ${dynamo.endpoint}`);

    const secrets = opts.memory ? newSecrets() : loadOrCreateSecrets();
    applyLocalEnv({ endpoint: dynamo.endpoint, secrets, tableName: TABLE_NAME });

    const client = localDynamoClient(dynamo.endpoint);
    try {
      const t = await ensureTable(client, TABLE_NAME);
      if (t.created) log(`[stack] created table ${TABLE_NAME}`);
      if (t.addedIndexes.length) log(`[stack] added indexes ${t.addedIndexes.join(', ')}`);
    } finally {
      client.destroy();
    }

    // Imported only now: the handlers and the seed read process.env at load time. Their cached config and client
    // are reset too, in case this process ran a stack (or a test table) before.
    (await import('../functions/commons/config')).resetConfig();
    (await import('../functions/commons/dynamodb')).resetDdb();
    const seed = opts.seed ?? (await import('./seed')).seedDemoChain;
    const seedResult = await seed();
    if (seedResult.created) log('[stack] seeded the demo chain');

    const handlers = {} as Record<RouteGroup, HttpHandler>;
    for (const group of routeGroups) {
      const mod = (await import(`../functions/handlers/${group}`)) as { handler?: HttpHandler };
      if (typeof mod.handler !== 'function') throw new Error(`functions/handlers/${group}.ts exports no \`handler\``);
      handlers[group] = mod.handler;
    }
    const jobs = await loadJobsHandler();
    const jobQueue = await installJobQueue(jobs, log);
    cleanups.push(() => jobQueue.uninstall());
    // A run is done when its shards are: dispatched, then worked (and retried) from the queue.
    const runJob = async (name: string, date?: string) => {
      const dispatched = await jobs({ job: name, ...(date ? { date } : {}) }, jobContext(name));
      await jobQueue.drain();
      return dispatched;
    };

    const api = await startApiServer({
      host,
      port: await pickPort(opts.apiPort, DEFAULT_API_PORT, host, log),
      handlers,
      log,
      logRequests: !opts.quietLogs,
      onResponse: opts.onApiResponse,
    });
    cleanups.push(() => api.close());

    const scheduler = startScheduler({ schedules: jobSchedules, timeZone: BUSINESS_TIME_ZONE, run: (name) => runJob(name), log });
    cleanups.push(() => scheduler.stop());

    // The domain-event consumer, fed from the table's stream as Lambda's event source mapping feeds it.
    const { handler: consumeEvents } = await import('../functions/events/consumer');
    const events = await streamPoller(dynamo.endpoint, TABLE_NAME, consumeEvents, { onError: (err) => log(`[events] ${(err as Error).message}`) });
    events.start(500);
    cleanups.push(() => events.stop());
    log('[events] stream consumer running (table stream → domain events → reactions)');

    // The console first: the H5 app's /config.js names it (the staff home sends staff who are not cashiers there).
    // On all interfaces both /config.js name the API (and the console) by the host name each request used.
    let staffConsole: { url: string; port: number } | undefined;
    if (opts.console) {
      try {
        if (opts.buildConsole !== false) {
          const built = await buildConsole();
          log(`[console] built in ${built.ms} ms`);
        }
      } catch (err) {
        log(`[console] build failed, the console page will say so: ${(err as Error).message}`);
      }
      const site = await startStaticServer({
        root: CONSOLE_DIST,
        host,
        port: await pickPort(opts.consolePort, DEFAULT_CONSOLE_PORT, host, log),
        runtimeConfig: consoleRuntimeConfig(host, api),
      });
      cleanups.push(() => site.close());
      staffConsole = { url: site.url, port: site.port };
    }

    let appUrl: string | undefined;
    if (opts.buildH5) {
      try {
        await ensureH5Build({ env: { TARO_APP_API_BASE_URL: api.url }, rebuildOnEnvChange: false, log });
      } catch (err) {
        // The API is still useful without the app; the static server explains what is missing.
        log(`[h5] build failed, the app page will say so: ${(err as Error).message}`);
      }
      const app = await startStaticServer({
        root: H5_DIST,
        host,
        port: await pickPort(opts.appPort, DEFAULT_APP_PORT, host, log),
        runtimeConfig: appRuntimeConfig(host, api, staffConsole),
      });
      cleanups.push(() => app.close());
      appUrl = app.url;
    }

    // Advertise this stack to `npm run job`, unless another live stack already owns the file (e.g. tests running
    // in memory beside `npm start`).
    if (!otherAlive) {
      const file: StackFile = {
        endpoint: dynamo.endpoint,
        apiUrl: api.url,
        appUrl,
        pid: process.pid,
        memory: opts.memory,
        tableName: TABLE_NAME,
        ...(opts.memory ? { secrets } : {}),
      };
      fs.writeFileSync(STACK_FILE, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
      cleanups.push(() => {
        if (readStackFile()?.pid === process.pid) fs.rmSync(STACK_FILE, { force: true });
      });
    }

    let stopping: Promise<void> | undefined;
    return {
      apiUrl: api.url,
      appUrl,
      consoleUrl: staffConsole?.url,
      dynamo,
      tableName: TABLE_NAME,
      seedResult,
      secrets,
      nextRuns: () => scheduler.next(),
      runJob,
      drainEvents: () => events.drain(3),
      stop: () => (stopping ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
