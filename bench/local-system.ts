import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApiClient, fetchTransport } from '../shared/api-client';
import { routeGroups, type RouteGroup } from '../shared/routes';
import { startApiServer, type HttpHandler } from '../local/api-server';
import { localDynamoClient, startDynamoLocal } from '../local/dynamo';
import { applyLocalEnv, newSecrets } from '../local/env';
import { ensureTable } from '../local/table';

/**
 * The system as `npm start` runs it, in memory and in this process: DynamoDB Local, a fresh table, the demo
 * chain, the real handlers behind the local API server. The raw baseline uses `raw`, a document client on
 * the same DynamoDB Local, from the same process.
 */
/** The API as its own process (like `npm start`), with this process's environment. */
export interface ApiSpend {
  roundTrips: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
  /** CPU inside DynamoDB calls (the SDK's share of the handler's). */
  sdkCpuUs: number;
  handlerCpuUs: number;
  /** Of which in the kernel (system time: mostly the sockets to DynamoDB and to the client). */
  handlerSysUs?: number;
  processCpuUs: number;
}
async function startApiProcess(): Promise<{ url: string; stop(): Promise<void>; spend: { reset(): Promise<void>; read(): Promise<ApiSpend> } }> {
  // BENCH_API_CPU_PROF=<dir>: a CPU profile of the API process (node --cpu-prof), to see where a request's CPU goes.
  const prof = process.env.BENCH_API_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), ...prof, path.join(__dirname, 'api-process.ts')], { env: process.env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const ask = <T>(cmd: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send({ cmd });
    });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/API_URL=(\S+)/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`API process exited (${code})`)));
  });
  return {
    url,
    spend: { reset: () => ask<void>('reset'), read: () => ask<ApiSpend>('read') },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function startBenchSystem(opts: { apiProcess?: boolean; costMeter?: boolean } = {}) {
  const dynamo = await startDynamoLocal({});
  // Metering (round trips, capacity, handler CPU) only where asked: it costs the API process CPU of its own.
  if (opts.costMeter) process.env.COST_METER = '1';
  else delete process.env.COST_METER;
  const tableName = `bench-${randomBytes(4).toString('hex')}`;
  applyLocalEnv({ endpoint: dynamo.endpoint, secrets: newSecrets(), tableName });
  // A benchmark run before this one in the same process left its client and config on its own (stopped) database.
  (await import('../functions/commons/dynamodb')).resetDdb();
  (await import('../functions/commons/config')).resetConfig();
  Object.assign(process.env, { DEV_SMS_SILENT: '1', POWERTOOLS_LOG_LEVEL: 'SILENT' });
  await ensureTable(localDynamoClient(dynamo.endpoint), tableName);
  const { seedDemoChain } = await import('../local/seed');
  const seed = await seedDemoChain();
  const loadHandlers = async () =>
    Object.fromEntries(
      await Promise.all(routeGroups.map(async (g) => [g, (await import(`../functions/handlers/${g}`)).handler as HttpHandler] as const)),
    ) as Record<RouteGroup, HttpHandler>;
  const server = opts.apiProcess ? await startApiProcess() : await startApiServer({ handlers: await loadHandlers(), log: () => undefined });
  const raw = DynamoDBDocumentClient.from(localDynamoClient(dynamo.endpoint), { marshallOptions: { removeUndefinedValues: true } });
  return {
    tableName,
    seed,
    raw,
    apiUrl: server.url,
    /** What the API process spent since the last reset (only with `apiProcess`). */
    spend: 'spend' in server ? server.spend : undefined,
    client: (token?: string) => createApiClient({ baseUrl: server.url, transport: fetchTransport, token: () => token }),
    async stop() {
      await ('stop' in server ? server.stop() : server.close());
      await dynamo.stop();
    },
  };
}
export type BenchSystem = Awaited<ReturnType<typeof startBenchSystem>>;
