import { routeGroups, type RouteGroup } from '../shared/routes';
import { startApiServer, type HttpHandler } from '../local/api-server';

/**
 * The local API in a process of its own, as `npm start` runs it, so that the benchmark's load generator does not
 * share its event loop: the environment (table, endpoint, keys) comes from the parent. Prints its URL.
 */
async function main() {
  const handlers = Object.fromEntries(
    await Promise.all(routeGroups.map(async (g) => [g, (await import(`../functions/handlers/${g}`)).handler as HttpHandler] as const)),
  ) as Record<RouteGroup, HttpHandler>;
  const server = await startApiServer({ handlers, log: () => undefined });
  console.log(`API_URL=${server.url}`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
