import { routeGroups, type RouteGroup } from '../shared/routes';
import { startApiServer, type HttpHandler } from '../local/api-server';
import { costTotals, resetCostTotals } from '../functions/commons/cost-meter';

/**
 * The local API in a process of its own, as `npm start` runs it, so that the benchmark's load generator does not
 * share its event loop: the environment (table, endpoint, keys) comes from the parent. Prints its URL.
 *
 * With an IPC channel (the cost benchmark), it also answers `reset` / `read` with what it has spent since the
 * last reset: DynamoDB round trips and capacity units (COST_METER=1), CPU inside the handlers, and CPU of the whole
 * process (the local HTTP emulation's share is the difference).
 */
let handlerCpuUs = 0;
let handlerSysUs = 0;
let since = process.cpuUsage();
const cpuUs = (u: NodeJS.CpuUsage) => u.user + u.system;

function metered(handler: HttpHandler): HttpHandler {
  return (async (event: never, context: never) => {
    const start = process.cpuUsage();
    try {
      return await handler(event, context);
    } finally {
      const used = process.cpuUsage(start);
      handlerCpuUs += cpuUs(used);
      handlerSysUs += used.system;
    }
  }) as HttpHandler;
}

async function main() {
  // Only the cost benchmark meters the handlers: two getrusage calls per request are not free under load, and a
  // throughput benchmark must not charge them to the API.
  const meter = process.env.COST_METER === '1' ? metered : (h: HttpHandler) => h;
  const handlers = Object.fromEntries(
    await Promise.all(routeGroups.map(async (g) => [g, meter((await import(`../functions/handlers/${g}`)).handler as HttpHandler)] as const)),
  ) as Record<RouteGroup, HttpHandler>;
  const server = await startApiServer({ handlers, log: () => undefined });
  console.log(`API_URL=${server.url}`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  process.on('message', (m: { cmd: 'reset' | 'read' }) => {
    if (m.cmd === 'reset') {
      resetCostTotals();
      handlerCpuUs = 0;
      handlerSysUs = 0;
      since = process.cpuUsage();
      process.send!({ ok: true });
    } else {
      process.send!({ ...costTotals(), handlerCpuUs, handlerSysUs, processCpuUs: cpuUs(process.cpuUsage(since)) });
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
