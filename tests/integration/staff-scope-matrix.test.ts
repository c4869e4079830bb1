import { ApiError } from '../../shared/api-client';
import { staffRoles, type StaffRole, type StaffScope } from '../../shared/roles';
import { routes, routeScopes, type RouteDef, type RouteId, type ScopedRouteId } from '../../shared/routes';
import { exampleOf } from '../support/schema-example';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The route × role × scope matrix, generated from the route table: for every staff and register route (its
 * `auth` and its `routeScopes` entry), every role at every scope (chain, the Shanghai region, store S001) calls
 * it against a target inside and outside that scope, and the answer must be "allowed" (anything but 401 and
 * the role/scope 403s) or 403 exactly as the metadata and BUSINESS-RULES item 8 say. A route added later is in
 * the matrix by being in the table; its request is built from its path parameters' names and its body schema.
 */
let api: TestApi;
const matrixTemplate = {
  name: { zh: '矩阵券', en: 'Matrix coupon' },
  benefit: { kind: 'no-threshold' as const, offFen: 100 },
  validity: { type: 'after-receipt' as const, days: 30 },
  scope: {},
  limits: { stock: 100_000, perMember: 100, budgetFen: null, minOrderFen: 0 },
  stacking: { group: 'no-threshold' },
  claimChannel: 'issued' as const,
};
const PASSWORD = 'Matrix-Caller-2026';

type Target = { storeId: string; registerId: string; memberId: string; username: string; mergeId: string; templateId: string; grantId: string; holdId: string; label: 'in' | 'out' | 'homeless' };
type Caller = { role: StaffRole; scope: StaffScope; token: string; label: string };
const targets: Target[] = [];
const callers: Caller[] = [];
const scopes: Array<[string, StaffScope]> = [
  ['chain', { level: 'chain' }],
  ['region shanghai', { level: 'region', region: 'shanghai' }],
  ['store S001', { level: 'store', storeId: 'S001' }],
];

beforeAll(async () => {
  api = await startTestApi();
  const admin = await staffToken(api, 'admin', 'admin-demo-2026');
  const scene = (storeId: string) => api.seed.stores.find((s) => s.storeId === storeId)!.registers[0].scene;
  const account = async (username: string, storeId: string) => {
    await api.client(admin).call('createStaff', { body: { username, displayName: username, password: PASSWORD, role: 'service', scope: { level: 'store', storeId } } });
    return username;
  };
  const [inMember, outMember, homeless] = await Promise.all([joinShopper(api, '13700000001', scene('S001')), joinShopper(api, '13700000002', scene('S002')), joinShopper(api, '13700000003')]);
  // S001 is in every caller's scope below; S002 (Hangzhou) is outside the region and store callers.
  // A merge request between the target member and the homeless one (rejectMerge: 'list', so unseen is a 404, not a 403).
  const mergeOf = (memberId: string) => `${homeless.memberId}-${memberId}`;
  // Coupons: a template the routes name, and a coupon of each target member for the revocation.
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const service = await staffToken(api, 'service', 'service-demo-2026');
  await api.client(ops).call('createCouponTemplate', { body: { ...matrixTemplate, templateId: 'MATRIX1' } });
  const grantOf = async (memberId: string) =>
    (await api.client(service).call('issueCompensationCoupon', { params: { memberId }, body: { templateId: 'MATRIX1', caseRef: `MXC-${memberId}`, reason: '矩阵测试', idempotencyKey: `matrix-grant-${memberId}` } })).grantId;
  const coupon = { templateId: 'MATRIX1' };
  targets.push({ label: 'in', storeId: 'S001', registerId: 'S001-R1', memberId: inMember.memberId, username: await account('target.in', 'S001'), mergeId: mergeOf(inMember.memberId), ...coupon, grantId: await grantOf(inMember.memberId), holdId: `${inMember.memberId}-0000000000` });
  targets.push({ label: 'out', storeId: 'S002', registerId: 'S002-R1', memberId: outMember.memberId, username: await account('target.out', 'S002'), mergeId: mergeOf(outMember.memberId), ...coupon, grantId: await grantOf(outMember.memberId), holdId: `${outMember.memberId}-0000000000` });
  targets.push({ label: 'homeless', storeId: 'S002', registerId: 'S002-R1', memberId: homeless.memberId, username: 'target.out', mergeId: mergeOf(homeless.memberId), ...coupon, grantId: await grantOf(homeless.memberId), holdId: `${homeless.memberId}-0000000000` });

  for (const role of staffRoles) {
    for (const [label, scope] of scopes) {
      if (role === 'cashier' && scope.level !== 'store') continue; // a cashier works at one store
      const username = `m.${role}.${scope.level}`;
      await api.client(admin).call('createStaff', { body: { username, displayName: username, password: PASSWORD, role, scope, canRevealPhone: true } });
      callers.push({ role, scope, label: `${role}@${label}`, token: await staffToken(api, username, PASSWORD, role === 'cashier' ? 'S001-R1' : undefined) });
    }
  }
}, 120_000);
afterAll(() => api.close());

const scopedRoutes = (Object.entries(routes) as Array<[RouteId, RouteDef]>).filter(([, r]) => r.auth.kind === 'staff' || r.auth.kind === 'pos') as Array<[ScopedRouteId, RouteDef]>;

/** What the rules say: the route's roles, then its scope kind (rule 3: customer service compensates any member). */
function allowed(id: ScopedRouteId, route: RouteDef, caller: Caller, target: Target): boolean {
  const roles: readonly string[] = route.auth.kind === 'pos' ? ['cashier'] : route.auth.kind === 'staff' ? route.auth.roles : [];
  if (!roles.includes(caller.role)) return false;
  const chain = caller.scope.level === 'chain';
  switch (routeScopes[id]) {
    case 'none':
    case 'list':
      return true;
    case 'chain':
      return chain;
    case 'member':
      // Customer service compensates any member (rule 8.4), and may preview it for any member.
      if ((id === 'adjustPoints' || id === 'previewPointsAdjustment' || id === 'issueCompensationCoupon') && caller.role === 'service') return true;
      return chain || target.label === 'in';
    case 'store':
    case 'register':
    case 'account':
      return chain || target.label === 'in';
  }
}

let unique = 0;
/** Hand-written bodies for routes whose schemas carry rules a generated value would rarely meet. */
const examples: Partial<Record<ScopedRouteId, (t: Target, c: Caller) => unknown>> = {
  recordSale: (t) => ({ ...saleOf(null, 12), storeId: t.storeId, registerId: t.registerId }),
  recordReturn: (t) => ({ returnNo: `MR${++unique}`, storeId: t.storeId, registerId: t.registerId, original: { storeId: t.storeId, receiptNo: 'NO-SUCH-SALE' }, returnedAt: new Date().toISOString() }),
  createCouponHold: (t) => ({ storeId: t.storeId, grantIds: ['NO-SUCH-COUPON'], member: { code: '000000000000000000' }, orderRef: `M${++unique}` }),
  quoteBasket: (t) => ({ storeId: t.storeId, member: { memberId: t.memberId }, lines: [{ lineNo: 1, sku: 'SKU1', category: 'grocery', qtyMilli: 1000, unitPriceFen: 1000 }] }),
  createRegister: () => ({ registerId: `M-R${++unique}`, name: '矩阵收银台' }),
  createStaff: (t) => ({ username: `m.new.${++unique}`, displayName: 'x', password: PASSWORD, role: 'service', scope: { level: 'store', storeId: t.storeId } }),
  updateStaff: () => ({ displayName: `矩阵 ${++unique}` }),
  adjustPoints: () => ({ points: 1, note: '矩阵测试', caseRef: `MX-${++unique}`, idempotencyKey: `matrix-${++unique}` }),
  // A real date of birth (not in the future) is a rule the JSON schema can't say.
  correctMemberProfile: () => ({ birthday: '1990-06-15', note: '矩阵测试' }),
  updateSettings: () => ({ settings: settingsNow.settings, version: settingsNow.version }),
  createCouponTemplate: () => ({ ...matrixTemplate, templateId: `MX-T${++unique}` }),
  changeCouponTemplateStatus: () => ({ action: 'pause' }),
  createCouponPack: () => ({ packId: `MX-P${++unique}`, name: { zh: '矩阵礼包', en: 'Matrix pack' }, items: [{ templateId: 'MATRIX1', count: 1 }] }),
  issueCompensationCoupon: (t) => ({ templateId: t.templateId, caseRef: `MX-C${++unique}`, reason: '矩阵测试', idempotencyKey: `matrix-${++unique}` }),
  revokeCoupon: () => ({ reason: '矩阵测试' }),
};
let settingsNow: { settings: unknown; version: number };

function requestFor(id: ScopedRouteId, route: RouteDef, target: Target, caller: Caller) {
  const params: Record<string, string> = {};
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  for (const name of names) {
    if (!(name in target)) throw new Error(`route ${id}: the matrix does not know what to put in {${name}}; add it to Target`);
    params[name] = target[name as keyof Target];
  }
  let body: unknown;
  if (route.body) {
    body = examples[id]?.(target, caller) ?? exampleOf(route.body);
    if (body && typeof body === 'object' && !examples[id]) {
      // A generated body names the target where it has a field for it.
      for (const key of ['storeId', 'registerId', 'memberId'] as const) if (key in body) (body as Record<string, unknown>)[key] = target[key];
    }
    const parsed = route.body.safeParse(body);
    if (!parsed.success) throw new Error(`route ${id}: no valid body (${parsed.error.message}); add one to the matrix's examples`);
  }
  const query = route.query ? (route.query.safeParse({}).success ? {} : exampleOf(route.query)) : undefined;
  return { params: names.length ? params : undefined, body, query };
}

/** A 403 that the role or scope rules give, as opposed to another rule's refusal (e.g. a missing member code). */
const scopeRefusal = (e: ApiError) => e.status === 403 && ['FORBIDDEN', 'OUT_OF_SCOPE', 'ESCALATION'].includes(e.code);

it('every staff and register route says what bounds its target', () => {
  for (const [id] of scopedRoutes) expect({ id, scope: routeScopes[id] }).toEqual({ id, scope: expect.any(String) });
});

it('derives a valid body from the schema for routes without a hand-written example', () => {
  const derivable = scopedRoutes.filter(([id, r]) => r.body && !examples[id]);
  expect(derivable.length).toBeGreaterThan(0);
  for (const [id, r] of derivable) expect({ id, valid: r.body!.safeParse(exampleOf(r.body!)).success }).toEqual({ id, valid: true });
  // The hand-written ones are only there for rules a schema can't say; the simple ones derive too.
  for (const id of ['createRegister', 'createStaff', 'updateStaff'] as const) expect(routes[id].body.safeParse(exampleOf(routes[id].body)).success).toBe(true);
});

describe.each(scopedRoutes.map(([id, route]) => [id, route] as const))('%s', (id, route) => {
  it('answers every role × scope × target as the rules say', async () => {
    settingsNow = await api.client(callers[0].token).call('getSettings');
    const wrong: string[] = [];
    for (const caller of callers) {
      for (const target of targets) {
        if (target.label === 'homeless' && routeScopes[id] !== 'member') continue;
        const request = requestFor(id, route, target, caller);
        const call = api.client(caller.token).call as unknown as (id: string, args: unknown) => Promise<unknown>;
        const outcome = await call(id, request).then(
            () => ({ status: 200, code: 'OK' }) as ApiError,
            (e: ApiError) => e,
          );
        const expectAllowed = allowed(id, route, caller, target);
        const refused = outcome.status === 401 || scopeRefusal(outcome);
        if (expectAllowed === refused || (!expectAllowed && outcome.status !== 403)) {
          wrong.push(`${caller.label} → ${target.label}: expected ${expectAllowed ? 'allowed' : '403'}, got ${outcome.status} ${outcome.code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
