import { routes, type RouteDef, type RouteId } from '../../shared/routes';
import { nowMs, shiftClockForTests } from '../../functions/commons/clock';
import { joinShopper, memberCodeFor, saleOf, staffToken } from '../support/shoppers';
import { changeSettings, withReturnWindow } from '../support/settings';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Proof of presence, generated from the route table: every route marked `spends` refuses to spend a member's
 * balance without the member code shown for that sale, and every route marked `takesMemberCode` counts wrong
 * codes against the one per-caller limit. A route added later with either mark must add its request here
 * (the test fails until it does).
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  await changeSettings(api, ops, withReturnWindow(0));
});
afterAll(() => api.close());

type MemberRef = { code: string } | { memberId: string } | { phone: string };
/** A request to each route that names a member; for `spends` routes, one that spends 100 points. */
const requestTo: Partial<Record<RouteId, (member: MemberRef, memberId: string) => { body: unknown }>> = {
  recordSale: (member, memberId) => ({ body: saleOf(memberId, 100, { points: 100, category: 'tobacco', member }) }),
  quoteBasket: (member) => ({ body: { storeId: 'S001', member, lines: saleOf(null, 100).lines } }),
  identifyMember: (member) => ({ body: { code: 'code' in member ? member.code : '000000000000000000' } }),
  // Holding coupons takes the member code (or the coupons' own QR); the sale that redeems them spends.
  createCouponHold: (member) => ({ body: { storeId: 'S001', grantIds: ['NO-SUCH-COUPON'], member: { code: 'code' in member ? member.code : '000000000000000000' }, orderRef: 'PRESENCE-1' } }),
};
const marked = (flag: 'spends' | 'takesMemberCode') => (Object.entries(routes) as Array<[RouteId, RouteDef]>).filter(([, r]) => r[flag]).map(([id]) => id);

it('every route that spends or takes a member code has a request here', () => {
  expect(marked('spends').length).toBeGreaterThan(0);
  for (const id of [...marked('spends'), ...marked('takesMemberCode')]) expect({ id, covered: Boolean(requestTo[id]) }).toEqual({ id, covered: true });
});

describe.each(marked('spends'))('%s spends only with a fresh member code', (id) => {
  it('refuses a member number, a phone, an expired code and a used code; accepts a fresh code once', async () => {
    const phone = `1380000${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const { memberId, client } = await joinShopper(api, phone);
    const cashier = api.client(await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'));
    await cashier.call('recordSale', { body: saleOf(memberId, 1000) });
    const call = (member: MemberRef) => cashier.call(id as 'recordSale', requestTo[id]!(member, memberId) as never);
    await expect(call({ memberId })).rejects.toMatchObject({ status: 400, code: 'PRESENCE_REQUIRED' });
    await expect(call({ phone })).rejects.toMatchObject({ status: 400, code: 'PRESENCE_REQUIRED' });
    await expect(call({ code: memberCodeFor(memberId, nowMs() - 5 * 60_000) })).rejects.toMatchObject({ status: 400, code: 'MEMBER_CODE_EXPIRED' });
    expect((await client.call('myPoints')).available).toBe(1000);
    const code = memberCodeFor(memberId);
    await call({ code });
    await expect(call({ code })).rejects.toMatchObject({ status: 409, code: 'MEMBER_CODE_USED' });
    expect((await client.call('myPoints')).available).toBe(900);
  });
});

it('wrong member codes on every route that takes one count against the same per-cashier limit', async () => {
  const ids = marked('takesMemberCode');
  const cashier = api.client(await staffToken(api, 'cashier2', 'cashier-demo-2026', 'S002-R1'));
  // Well-formed (Luhn-valid) codes that no member has.
  const forged = (i: number) => {
    const body = `68${String(900000000 + i).padStart(9, '0')}${String(123456 + i).padStart(6, '0')}`;
    let sum = 0;
    for (let k = 0; k < body.length; k++) {
      let d = Number(body[body.length - 1 - k]);
      if (k % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return body + String((10 - (sum % 10)) % 10);
  };
  // The limit counts per minute window: start the run at the top of a window, so a slow machine's 21 calls don't
  // straddle two windows (each would hold fewer than the limit).
  const topOfNextWindow = Math.ceil(Date.now() / 60_000) * 60_000 + 500;
  shiftClockForTests(topOfNextWindow - Date.now());
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    const id = ids[i % ids.length];
    const req = requestTo[id]!({ code: forged(i) }, '100000001') as { body: { storeId?: string } };
    if (req.body.storeId) req.body.storeId = 'S002';
    const err = await cashier.call(id as 'quoteBasket', req as never).catch((e: { status: number }) => e);
    statuses.push((err as { status: number }).status);
  }
  shiftClockForTests(0);
  expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
  expect(statuses[20]).toBe(429);
});
