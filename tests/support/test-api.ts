import { randomBytes } from 'node:crypto';
import { createApiClient, fetchTransport, type ApiClient } from '../../shared/api-client';
import { routeGroups, type RouteGroup } from '../../shared/routes';
import { startApiServer, type ApiServer, type HttpHandler } from '../../local/api-server';
import { localDynamoClient } from '../../local/dynamo';
import { applyLocalEnv, newSecrets } from '../../local/env';
import { ensureTable } from '../../local/table';
import { answerOf, createContractValidator } from './contract';
import { streamPoller, type StreamPoller } from '../../local/stream-poller';

/**
 * A fresh table on the shared DynamoDB Local, the demo chain seeded into it, and the real route-group
 * handlers behind the local HTTP server, so tests go through the same path a request takes with `npm start`.
 */
export interface TestApi {
  url: string;
  tableName: string;
  /** The typed client; `locale` is sent as Accept-Language (the server's default is zh-CN). */
  client(token?: string | null, opts?: { locale?: string }): ApiClient;
  seed: Awaited<ReturnType<typeof import('../../local/seed').seedDemoChain>>;
  /** Returns once every domain event written so far has been handled by the stream consumer (no sleeps). */
  drainEvents(): Promise<number>;
  close(): Promise<void>;
}

export async function prepareTestTable(extraEnv: Record<string, string> = {}, extraSecrets: Record<string, string> = {}) {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run through jest (tests/support/global-setup.ts)');
  const tableName = `t-${randomBytes(6).toString('hex')}`;
  applyLocalEnv({ endpoint, secrets: { ...newSecrets(), ...extraSecrets }, tableName });
  Object.assign(process.env, { VALIDATE_RESPONSES: '1', DEV_SMS_SILENT: '1', POWERTOOLS_LOG_LEVEL: 'SILENT', COUPON_CENTRE_CACHE_MS: '0', ...extraEnv });
  await ensureTable(localDynamoClient(endpoint), tableName);
  return { endpoint, tableName };
}

export async function startTestApi(extraEnv: Record<string, string> = {}, extraSecrets: Record<string, string> = {}): Promise<TestApi> {
  const { tableName, endpoint } = await prepareTestTable(extraEnv, extraSecrets);
  const { seedDemoChain } = await import('../../local/seed');
  const seed = await seedDemoChain();
  const handlers = Object.fromEntries(
    await Promise.all(routeGroups.map(async (g) => [g, (await import(`../../functions/handlers/${g}`)).handler as HttpHandler] as const)),
  ) as Record<RouteGroup, HttpHandler>;
  // Every answer is checked against the generated OpenAPI document: the typed client throws at once on one
  // outside the contract, and answers to raw requests are collected and fail the file at close.
  const contract = createContractValidator();
  const server: ApiServer = await startApiServer({ handlers, log: () => undefined, onResponse: (a) => contract.observe(answerOf(a)) });
  const transport = contract.transport(fetchTransport);
  // The stream consumer, fed by the same poller `npm start` runs; made on the first drain.
  let poller: StreamPoller | undefined;
  const drainEvents = async (retries = 0) => {
    if (!poller) {
      const { handler } = await import('../../functions/events/consumer');
      poller = await streamPoller(endpoint, tableName, handler);
    }
    return poller.drain(retries);
  };
  return {
    url: server.url,
    tableName,
    seed,
    drainEvents,
    client: (token, opts) => createApiClient({ baseUrl: server.url, transport, token: () => token, locale: () => opts?.locale ?? 'zh-CN' }),
    // Every integration test file ends with the contract check and the ledger audit over what it did.
    close: async () => {
      await server.close();
      await poller?.stop();
      // Finance's counters are aggregated from the stream: compare them with the ledgers once it is drained (a
      // record that lost a race is retried, as Lambda's event source would).
      await drainEvents(3);
      const { reconcile } = await import('../../functions/audits/reconcile');
      const { drift } = await reconcile(tableName);
      const problems = [
        ...(contract.violations.length ? [`answers outside the API contract:\n${[...new Set(contract.violations)].join('\n')}`] : []),
        ...(drift.length ? [`ledger drift after the tests: ${JSON.stringify(drift)}`] : []),
      ];
      if (problems.length) throw new Error(problems.join('\n'));
    },
  };
}
