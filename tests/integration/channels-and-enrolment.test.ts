import { getConfig } from '../../functions/commons/config';
import { channelKey, signRequest } from '../../functions/commons/signatures';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/** Platform orders (signed by the platform) and 支付即会员 (a WeChat Pay payer who authorised membership). */
let api: TestApi;
let cashier: string;
beforeAll(async () => {
  api = await startTestApi();
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
});
afterAll(() => api.close());

async function push(platform: string, order: unknown, key?: string) {
  const raw = JSON.stringify(order);
  const ts = Math.floor(Date.now() / 1000);
  const path = `/channels/${platform}/orders`;
  key ??= channelKey((await getConfig()).keys.integration, platform);
  const res = await fetch(api.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-timestamp': String(ts), 'x-signature': signRequest(key, ts, 'POST', path, raw) }, body: raw });
  return { status: res.status, body: await res.json() };
}

it('a Meituan order (yuan floats, epoch seconds) earns points for the member found by phone; a re-push is idempotent', async () => {
  const { memberId } = await joinShopper(api, '13700001111');
  const order = {
    order_id: 9001,
    poi_code: 'S002',
    ctime: Math.floor(Date.now() / 1000) - 3600,
    recipient_phone: '13700001111',
    detail: [
      { app_food_code: 'YOGURT', food_name: '原味酸奶', category: 'dairy', quantity: 3, price: 6.5, actual_price: 5.9 },
      { app_food_code: 'CIG', food_name: '香烟', category: 'tobacco', quantity: 1, price: 25 },
    ],
  };
  const first = await push('meituan', order);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ receiptNo: 'meituan-9001', memberId, netFen: 1770 + 2500, points: { earned: 17, pending: true } });
  expect(await push('meituan', order)).toEqual(first);
});

it('Douyin (fen) and Tmall (yuan strings, Beijing wall clock) map to the same sale model', async () => {
  const douyin = await push('douyin', { order_id: 'DY1', shop_id: 'S001', create_time: Math.floor(Date.now() / 1000), sku_orders: [{ sku_id: 'A', product_name: '苹果', category: 'fresh', item_num: 2, origin_amount: 2000, pay_amount: 1800 }] });
  expect(douyin.body).toMatchObject({ receiptNo: 'douyin-DY1', netFen: 1800, memberId: null });
  const beijingNow = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  const tmall = await push('tmall', { tid: 77, store_code: 'S001', created: beijingNow, orders: [{ outer_sku_id: 'B', title: '大米', cid: 'grocery', num: 1, price: '59.90', payment: '49.90' }] });
  expect(tmall.body).toMatchObject({ receiptNo: 'tmall-77', netFen: 4990 });
});

it('refuses an unsigned or wrongly signed push, and a malformed order with field paths', async () => {
  expect((await push('meituan', { order_id: 1 }, 'wrong-key')).status).toBe(401);
  const bad = await push('douyin', { order_id: 'DY2', shop_id: 'S001' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['body', 'create_time'] })]));
});

it('支付即会员: a WeChat Pay payer who authorised membership joins at the store and earns at once', async () => {
  const base = saleOf(null, 30);
  const sale = { ...base, payments: [{ method: 'wechat' as const, amountFen: 3000, payerOpenid: 'o-payer-1', payerAuthorisedMembership: true }] };
  const r = await api.client(cashier).call('recordSale', { body: sale });
  expect(r).toMatchObject({ enrolled: true, points: { earned: 30 } });
  expect(r.memberId).toMatch(/^\d{9}$/);
  // The same payer again: the same member, not a new one.
  const again = await api.client(cashier).call('recordSale', { body: { ...sale, receiptNo: `${sale.receiptNo}-2` } });
  expect(again).toMatchObject({ enrolled: false, memberId: r.memberId });
  // Without the authorisation there is no enrolment.
  const anonymous = await api.client(cashier).call('recordSale', { body: { ...sale, receiptNo: `${sale.receiptNo}-3`, payments: [{ method: 'wechat' as const, amountFen: 3000, payerOpenid: 'o-payer-2' }] } });
  expect(anonymous).toMatchObject({ enrolled: false, memberId: null });
});

it('an admin hands a register its signing key (audit-logged); the register then posts sales without a cashier', async () => {
  const admin = await staffToken(api, 'admin', 'admin-demo-2026');
  const { key } = await api.client(admin).call('registerApiKey', { params: { storeId: 'S001', registerId: 'S001-R2' } });
  const body = JSON.stringify({ ...saleOf(null, 12), registerId: 'S001-R2' });
  const ts = Math.floor(Date.now() / 1000);
  const post = (k: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/pos/sales`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-store-id': 'S001', 'x-register-id': 'S001-R2', 'x-timestamp': String(ts), 'x-signature': signRequest(k, ts, 'POST', '/pos/sales', body), ...headers }, body });
  expect((await post(key)).status).toBe(200);
  // Another register's key, or a stale timestamp, is refused.
  const other = (await api.client(admin).call('registerApiKey', { params: { storeId: 'S001', registerId: 'S001-R1' } })).key;
  expect((await post(other)).status).toBe(401);
  expect((await post(key, { 'x-timestamp': String(ts - 3600) })).status).toBe(401);
  const audit = await api.client(admin).call('auditLog', { query: { actor: 'admin' } });
  expect(audit.items.filter((i) => i.action === 'register.revealKey')).toHaveLength(2);
  expect(JSON.stringify(audit.items)).not.toContain(key);
  await expect(api.client(cashier).call('registerApiKey', { params: { storeId: 'S001', registerId: 'S001-R1' } })).rejects.toMatchObject({ status: 403 });
});

describe('channel mapping validates before it computes', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const meituan = (over: Record<string, unknown> = {}) => ({
    order_id: `M${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    poi_code: 'S001',
    ctime: now() - 60,
    detail: [{ app_food_code: 'MILK', food_name: '牛奶', category: 'dairy', quantity: 2, price: 8, actual_price: 7.5 }],
    ...over,
  });
  const paths = (body: { error: { details: Array<{ path: string[] }> } }) => body.error.details.map((d) => d.path.join('.'));

  it.each([
    ['meituan', () => meituan({ ctime: 1e15 }), 'body.ctime'],
    ['meituan', () => meituan({ ctime: -1 }), 'body.ctime'],
    ['meituan', () => meituan({ detail: [{ app_food_code: 'A', food_name: 'a', quantity: 1, price: 1e300 }] }), 'body.detail.0.price'],
    ['meituan', () => meituan({ detail: [{ app_food_code: 'A', food_name: 'a', quantity: 1, price: 5, actual_price: 6 }] }), 'body.detail.0.actual_price'],
    ['meituan', () => meituan({ order_id: 'has spaces and 中文' }), 'body.order_id'],
    ['douyin', () => ({ order_id: 'DYX', shop_id: 'S001', create_time: 1e15, sku_orders: [{ sku_id: 'A', product_name: 'a', item_num: 1, origin_amount: 100, pay_amount: 100 }] }), 'body.create_time'],
    ['douyin', () => ({ order_id: 'DYY', shop_id: 'S001', create_time: now(), sku_orders: [{ sku_id: 'A', product_name: 'a', item_num: 1, origin_amount: 100, pay_amount: 101 }] }), 'body.sku_orders.0.pay_amount'],
    ['tmall', () => ({ tid: 1, store_code: 'S001', created: '2026-13-45 99:99:99', orders: [{ outer_sku_id: 'B', title: 'b', num: 1, price: '1.00', payment: '1.00' }] }), 'body.created'],
    ['tmall', () => ({ tid: 2, store_code: 'S001', created: '2026-02-30 10:00:00', orders: [{ outer_sku_id: 'B', title: 'b', num: 1, price: '1.00', payment: '1.00' }] }), 'body.created'],
    ['tmall', () => ({ tid: 3, store_code: 'S001', created: '2026-11-30 10:00:00', orders: [{ outer_sku_id: 'B', title: 'b', num: 1, price: 'NaN', payment: '1.00' }] }), 'body.orders.0.price'],
  ])('%s: a malformed order is refused with the field path (%#)', async (platform, order, path) => {
    const r = await push(platform, order());
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(r.body)).toContain(path);
  });

  it('a Meituan order with a phone no member has is recorded as a non-member sale; a re-push after the buyer joins answers the same', async () => {
    const order = meituan({ recipient_phone: '13711112222' });
    const first = await push('meituan', order);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ memberId: null, netFen: 1500, points: { earned: 0 } });
    await joinShopper(api, '13711112222');
    expect(await push('meituan', order)).toEqual(first);
  });

  it('an order for a store code the chain does not have is refused, naming the field', async () => {
    const r = await push('meituan', meituan({ poi_code: 'NOPE-1' }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'STORE_UNKNOWN', details: [expect.objectContaining({ path: ['body', 'poi_code'] })] });
    const t = await push('tmall', { tid: 4, store_code: 'S999', created: '2026-11-30 10:00:00', orders: [{ outer_sku_id: 'B', title: 'b', num: 1, price: '1.00', payment: '1.00' }] });
    expect(t.body.error).toMatchObject({ code: 'STORE_UNKNOWN', details: [expect.objectContaining({ path: ['body', 'store_code'] })] });
  });

  it('Douyin: a price that does not divide by the quantity never makes a negative discount', async () => {
    // 10.00 yuan for 3: no per-unit price in whole fen gives exactly 1000.
    const r = await push('douyin', { order_id: `DY3-${Date.now()}`, shop_id: 'S001', create_time: now(), sku_orders: [{ sku_id: 'A', product_name: '苹果', item_num: 3, origin_amount: 1000, pay_amount: 1000 }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ netFen: 1000 });
  });
});
