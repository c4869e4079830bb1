import fs from 'node:fs';
import { routes } from '../shared/routes';
import { routeManifest } from '../shared/route-manifest';
import { MANIFEST_FILE, renderRouteManifest } from './route-manifest';

describe('shared/route-manifest.ts (the route table without schemas, for the mini-program)', () => {
  it('is what `npm run routes:manifest` writes from the current route table', () => {
    const committed = fs.readFileSync(MANIFEST_FILE, 'utf8');
    if (committed !== renderRouteManifest()) throw new Error('shared/route-manifest.ts disagrees with shared/routes.ts: run `npm run routes:manifest`');
  });

  it('gives every route its method, path and auth', () => {
    for (const [id, r] of Object.entries(routes)) {
      expect({ id, ...routeManifest[id as keyof typeof routeManifest] }).toMatchObject({ id, method: r.method, path: r.path, auth: r.auth });
    }
    expect(Object.keys(routeManifest).sort()).toEqual(Object.keys(routes).sort());
  });
});
