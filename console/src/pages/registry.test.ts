import { routeManifest } from '../../../shared/route-manifest';
import { staffRoles } from '../../../shared/staff-roles';
import { consolePages, pagesFor } from './registry';

describe('menus by role', () => {
  it('each role sees exactly the pages whose route it may call', () => {
    for (const role of staffRoles) {
      const seen = pagesFor(role).map((p) => p.key);
      const allowed = consolePages.filter((p) => (routeManifest[p.route].auth as { roles?: readonly string[] }).roles?.includes(role)).map((p) => p.key);
      expect(seen).toEqual(allowed);
    }
  });
  it('cashiers have nothing in the console (the register stays in the mini-program); finance sees only the liability', () => {
    expect(pagesFor('cashier')).toEqual([]);
    expect(pagesFor('finance').map((p) => p.key)).toEqual(['liability']);
    expect(pagesFor('service').map((p) => p.key)).toEqual(['members', 'member', 'merges']);
  });
  it('every page stands on a staff route', () => {
    for (const p of consolePages) expect(routeManifest[p.route].auth.kind).toBe('staff');
  });
});
