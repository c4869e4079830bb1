/**
 * `npm run routes:manifest`: writes shared/route-manifest.ts, the route table without its schemas (method, path,
 * who may call), which the mini-program's client reads at run time so that the shopper's package carries no zod.
 * local/route-manifest.test.ts fails when the committed file disagrees with the table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { routes, type RouteDef } from '../shared/routes';

export const MANIFEST_FILE = path.join(__dirname, '..', 'shared', 'route-manifest.ts');

/** A value as a TypeScript literal, single-quoted like the rest of the code. */
function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${fields.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${literal(v)}`).join(', ')} }`;
  }
  throw new Error(`no literal for ${String(value)}`);
}

/** What the client needs of a route. */
const entryOf = (r: RouteDef) => ({
  method: r.method,
  path: r.path,
  auth: r.auth.kind === 'staff' ? { kind: r.auth.kind, roles: [...r.auth.roles] } : { kind: r.auth.kind },
  takesMemberCode: r.takesMemberCode || undefined,
});

export function renderRouteManifest(): string {
  const lines = (Object.entries(routes) as Array<[string, RouteDef]>).map(([id, r]) => `  ${id}: ${literal(entryOf(r))},`);
  return `// Generated from the route table (shared/routes.ts) by \`npm run routes:manifest\`: do not edit.
import type { HttpMethod, RouteAuth, RouteId } from './routes';

/**
 * The route table without its schemas: method, path and who may call. The mini-program's client reads this at
 * run time and takes its types from routes.ts (type-only imports, erased), so the shopper's package carries no zod.
 */
export interface RouteManifestEntry {
  method: HttpMethod;
  path: string;
  auth: RouteAuth;
  /** Takes a member code (wrong codes count against the caller's limit). */
  takesMemberCode?: boolean;
}

export const routeManifest = {
${lines.join('\n')}
} as const satisfies Record<RouteId, RouteManifestEntry>;
`;
}

if (require.main === module) {
  fs.writeFileSync(MANIFEST_FILE, renderRouteManifest());
  console.log(`[routes:manifest] ${Object.keys(routes).length} routes → ${path.relative(process.cwd(), MANIFEST_FILE)}`);
}
