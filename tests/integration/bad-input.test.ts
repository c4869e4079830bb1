import type { ApiError } from '../../shared/api-client';
import { routes, type RouteDef } from '../../shared/routes';
import { defaultChainSettings } from '../../shared/settings';
import { jsonSchemaOf } from '../support/json-schema-arbitrary';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The bad inputs the review found answering 500, each as a named case (the route fuzz in route-fuzz.test.ts
 * looks for new ones): every one must get a 4xx with the error shape and a field path, and change nothing.
 */
let api: TestApi;
let ops: string;
let admin: string;
let cashier: string;
let a: Awaited<ReturnType<typeof joinShopper>>;
let b: Awaited<ReturnType<typeof joinShopper>>;

beforeAll(async () => {
  api = await startTestApi();
  [ops, admin, cashier] = await Promise.all([
    staffToken(api, 'ops', 'ops-demo-2026'),
    staffToken(api, 'admin', 'admin-demo-2026'),
    staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'),
  ]);
  a = await joinShopper(api, '13912340001');
  b = await joinShopper(api, '13912340002');
  // Three ledger entries each, so a page of one has a next page.
  for (const m of [a, b]) {
    for (let i = 0; i < 3; i++) {
      await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 10, note: '活动补发积分', idempotencyKey: `bad-input-${m.memberId}-${i}` } });
    }
  }
});
afterAll(() => api.close());

async function get(path: string, token: string) {
  const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const expectCursorRefused = (r: { status: number; body: { error: { code: string; details: unknown } } }) => {
  expect(r.status).toBe(400);
  expect(r.body.error.code).toBe('VALIDATION_FAILED');
  expect(r.body.error.details).toEqual([expect.objectContaining({ path: ['query', 'cursor'] })]);
};

describe('cursors are opaque and authenticated', () => {
  const forged = [
    b64({ PK: 'MEMBER#100000001', SK: 'LEDGER#0000000001' }),
    b64({ a: 1 }),
    b64([1, 2]),
    b64('x'),
    b64(null),
    'not-a-cursor',
    '',
    '....',
  ];

  // Every list in the route table (a route whose query takes a cursor), so a list added later is covered too.
  const lists = (Object.entries(routes) as Array<[string, RouteDef]>).filter(([, r]) => r.method === 'GET' && r.query && 'cursor' in (jsonSchemaOf(r.query).properties ?? {}));
  const callerOf = (r: RouteDef) => {
    if (r.auth.kind === 'member') return a.token;
    if (r.auth.kind === 'staff') return r.auth.roles.includes('admin') ? admin : r.auth.roles.includes('ops') ? ops : undefined;
    throw new Error(`no caller for a ${r.auth.kind} list; add one`);
  };

  it('finds the lists', () => expect(lists.map(([id]) => id)).toEqual(expect.arrayContaining(['myPointsHistory', 'myMessages', 'auditLog', 'memberTimeline'])));

  /** A list's path with its parameters filled in (a member's list: member A's). */
  const pathOf = (r: RouteDef) => {
    const path = r.path.replace('{memberId}', a.memberId);
    if (path.includes('{')) throw new Error(`no value for the parameters of ${r.path}; add one`);
    return path;
  };

  it.each(forged)('a cursor the API did not issue (%s) is refused on every list', async (cursor) => {
    for (const [id, r] of lists) {
      const res = await get(`${pathOf(r)}?cursor=${encodeURIComponent(cursor)}&limit=1`, callerOf(r)!);
      if (cursor === '') expect({ id, status: res.status }).toEqual({ id, status: 200 }); // an empty cursor is no cursor: the first page
      else expectCursorRefused(res);
    }
  });

  it('a cursor pages only the list and the member it was issued for', async () => {
    const first = await get('/me/points/history?limit=1', a.token);
    expect(first.status).toBe(200);
    const cursor = first.body.cursor as string;
    expect(cursor).toEqual(expect.any(String));
    const next = await get(`/me/points/history?limit=1&cursor=${encodeURIComponent(cursor)}`, a.token);
    expect(next.status).toBe(200);
    expect(next.body.items[0].seq).toBeLessThan(first.body.items[0].seq);
    // Member B can't page member A's history with it, nor can A page the messages with a history cursor.
    expectCursorRefused(await get(`/me/points/history?limit=1&cursor=${encodeURIComponent(cursor)}`, b.token));
    expectCursorRefused(await get(`/me/messages?limit=1&cursor=${encodeURIComponent(cursor)}`, a.token));
    // A cursor whose payload was edited (another member's key) fails its signature.
    const [payload, sig] = cursor.split('.');
    const edited = Buffer.from(Buffer.from(payload, 'base64url').toString().replaceAll(a.memberId, b.memberId)).toString('base64url');
    expectCursorRefused(await get(`/me/points/history?limit=1&cursor=${encodeURIComponent(`${edited}.${sig}`)}`, b.token));
  });

  it('an audit cursor pages only the day or the actor it was issued for', async () => {
    const byDay = await get('/staff/audit?limit=1', admin);
    expect(byDay.status).toBe(200);
    const cursor = byDay.body.cursor as string;
    expect(cursor).toEqual(expect.any(String));
    expect((await get(`/staff/audit?limit=1&cursor=${encodeURIComponent(cursor)}`, admin)).status).toBe(200);
    expectCursorRefused(await get(`/staff/audit?limit=1&actor=ops&cursor=${encodeURIComponent(cursor)}`, admin));
    expectCursorRefused(await get(`/staff/audit?limit=1&date=2020-01-01&cursor=${encodeURIComponent(cursor)}`, admin));
    expectCursorRefused(await get(`/staff/audit?limit=1&target=member:${a.memberId}&cursor=${encodeURIComponent(cursor)}`, admin));
    expectCursorRefused(await get(`/staff/audit?limit=1&action=points.adjust&cursor=${encodeURIComponent(cursor)}`, admin));
  });

  it('a member timeline cursor pages only that member’s timeline', async () => {
    const first = await get(`/staff/members/${a.memberId}/timeline?limit=1`, ops);
    expect(first.status).toBe(200);
    const cursor = first.body.cursor as string;
    expect((await get(`/staff/members/${a.memberId}/timeline?limit=1&cursor=${encodeURIComponent(cursor)}`, ops)).status).toBe(200);
    expectCursorRefused(await get(`/staff/members/${b.memberId}/timeline?limit=1&cursor=${encodeURIComponent(cursor)}`, ops));
    expectCursorRefused(await get(`/staff/audit?limit=1&cursor=${encodeURIComponent(cursor)}`, admin));
  });
});

it('refuses path parameters that do not fit, with the field path', async () => {
  const r = await get('/staff/members/not-a-number', ops);
  expect(r.status).toBe(400);
  expect(r.body.error.details).toEqual([expect.objectContaining({ path: ['params', 'memberId'] })]);
});

describe('every schema carries the invariants its rules assert', () => {
  const refused = async (p: Promise<unknown>) => (await p.then(() => undefined, (e: ApiError) => e)) as ApiError | undefined;

  it('a quote line whose discount exceeds its amount', async () => {
    const err = await refused(api.client(cashier).call('quoteBasket', { body: { storeId: 'S001', member: { memberId: a.memberId }, lines: [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 100, lineDiscountFen: 500 }] } }));
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: ['body', 'lines', '0', 'lineDiscountFen'] })] });
  });

  it('a quote naming one line twice', async () => {
    const line = { lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 100 };
    const err = await refused(api.client(cashier).call('quoteBasket', { body: { storeId: 'S001', member: { memberId: a.memberId }, lines: [line, line] } }));
    expect(err).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['body', 'lines', '1', 'lineNo'] })] });
  });

  it('amounts whose products pass what integers can hold exactly', async () => {
    const huge = { ...saleOf(null, 1), lines: [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 100_000_000, unitPriceFen: 100_000_000, lineDiscountFen: 0 }], payments: [{ method: 'cash' as const, amountFen: 10_000_000_000_000 }] };
    expect(await refused(api.client(cashier).call('recordSale', { body: huge }))).toMatchObject({ status: 400, details: expect.arrayContaining([expect.objectContaining({ path: ['body', 'lines', '0', 'unitPriceFen'] })]) });
    const quote = { storeId: 'S001', member: { memberId: a.memberId }, lines: huge.lines };
    expect(await refused(api.client(cashier).call('quoteBasket', { body: quote }))).toMatchObject({ status: 400 });
  });

  it('a return naming one line twice', async () => {
    const sale = saleOf(a.memberId, 100);
    await api.client(cashier).call('recordSale', { body: sale });
    const ret = { returnNo: `RT-${sale.receiptNo}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: new Date().toISOString(), lines: [{ lineNo: 1, qtyMilli: 1000 }, { lineNo: 1, qtyMilli: 1000 }] };
    expect(await refused(api.client(cashier).call('recordReturn', { body: ret }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: ['body', 'lines', '1', 'lineNo'] })] });
  });

  it('settings whose consent version is longer than joining accepts (it would lock everyone out)', async () => {
    const current = await api.client(ops).call('getSettings');
    const long = 'v'.repeat(41);
    const err = await refused(
      api.client(ops).call('updateSettings', { body: { version: current.version, settings: { ...defaultChainSettings, consent: { privacyPolicyVersion: long, termsVersion: '2026-11-01' } } } }),
    );
    expect(err).toMatchObject({ status: 400, details: expect.arrayContaining([expect.objectContaining({ path: ['body', 'settings', 'consent', 'privacyPolicyVersion'] })]) });
  });
});
