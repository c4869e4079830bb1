import { randomBytes } from 'node:crypto';
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
export async function startBenchSystem() {
  const dynamo = await startDynamoLocal({});
  const tableName = `bench-${randomBytes(4).toString('hex')}`;
  applyLocalEnv({ endpoint: dynamo.endpoint, secrets: newSecrets(), tableName });
  Object.assign(process.env, { DEV_SMS_SILENT: '1', POWERTOOLS_LOG_LEVEL: 'SILENT' });
  await ensureTable(localDynamoClient(dynamo.endpoint), tableName);
  const { seedDemoChain } = await import('../local/seed');
  const seed = await seedDemoChain();
  const handlers = Object.fromEntries(
    await Promise.all(routeGroups.map(async (g) => [g, (await import(`../functions/handlers/${g}`)).handler as HttpHandler] as const)),
  ) as Record<RouteGroup, HttpHandler>;
  const server = await startApiServer({ handlers, log: () => undefined });
  const raw = DynamoDBDocumentClient.from(localDynamoClient(dynamo.endpoint), { marshallOptions: { removeUndefinedValues: true } });
  return {
    tableName,
    seed,
    raw,
    apiUrl: server.url,
    client: (token?: string) => createApiClient({ baseUrl: server.url, transport: fetchTransport, token: () => token }),
    async stop() {
      await server.close();
      await dynamo.stop();
    },
  };
}
export type BenchSystem = Awaited<ReturnType<typeof startBenchSystem>>;
