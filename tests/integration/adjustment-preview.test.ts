import { ApiError } from '../../shared/api-client';
import type { StaffRole, StaffScope } from '../../shared/roles';
import { joinShopper, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The adjustment preview (POST …/points-adjustments/preview): exactly what the adjustment would do for the same
 * body and caller, writing nothing; previewing and then adjusting always ends on the balance and debt previewed.
 */
let api: TestApi;
let admin: string;
let ops: string;
let service: string;
let sceneS001: string;
let sceneS002: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await staffToken(api, 'admin', 'admin-demo-2026');
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  service = await staffToken(api, 'service', 'service-demo-2026');
  sceneS001 = api.seed.stores.find((s) => s.storeId === 'S001')!.registers[0].scene;
  sceneS002 = api.seed.stores.find((s) => s.storeId === 'S002')!.registers[0].scene;
});
afterAll(() => api.close());

let phone = 13960000000;
const members = new Map<string, Awaited<ReturnType<typeof joinShopper>>['client']>();
async function member(scene?: string) {
  const joined = await joinShopper(api, String(++phone), scene);
  members.set(joined.memberId, joined.client);
  return joined;
}
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
let n = 0;
const key = () => `preview-${++n}`;
type Body = { points: number; allowDebt?: boolean; caseRef?: string; shopperReason?: { zh: string; en?: string } };
const preview = (token: string, memberId: string, body: Body) => api.client(token).call('previewPointsAdjustment', { params: { memberId }, body: { allowDebt: false, ...body } });
const adjust = (token: string, memberId: string, body: Body) => api.client(token).call('adjustPoints', { params: { memberId }, body: { allowDebt: false, note: '预览测试', idempotencyKey: key(), ...body } });
const balanceOf = async (memberId: string) => {
  const m = await members.get(memberId)!.call('myPoints');
  return { balance: m.available, debt: m.debt };
};
async function account(role: StaffRole, scope: StaffScope) {
  const username = `prev.${role}.${++n}`;
  await api.client(admin).call('createStaff', { body: { username, displayName: username, password: 'Str0ng-Enough-26', role, scope } });
  return staffToken(api, username, 'Str0ng-Enough-26');
}

it('for several cases, preview then adjust ends exactly on the previewed balance and debt; the preview writes nothing', async () => {
  const { memberId } = await member(sceneS001);
  const cases: Body[] = [
    { points: 300 }, // a grant
    { points: -120 }, // a deduction within the balance
    { points: -500, allowDebt: true }, // beyond it: the rest becomes debt
    { points: 50 }, // a grant settles the debt first
    { points: 400, shopperReason: { zh: '会员日补发' } },
    { points: -100 },
  ];
  for (const body of cases) {
    const before = await balanceOf(memberId);
    const p = await preview(ops, memberId, body);
    expect(await balanceOf(memberId)).toEqual(before);
    expect(p).toMatchObject({ memberId, points: body.points, balanceBefore: before.balance, debtBefore: before.debt, outcome: 'ok', caps: null });
    const done = await adjust(ops, memberId, body);
    expect({ balance: done.balance, debt: done.debt }).toEqual({ balance: p.balanceAfter, debt: p.debtAfter });
    expect(await balanceOf(memberId)).toEqual({ balance: p.balanceAfter, debt: p.debtAfter });
  }
  // The path: 0 → 300 → 180 → 0 (debt 320) → 0 (debt 270) → 130 → 30.
  expect(await balanceOf(memberId)).toEqual({ balance: 30, debt: 0 });
});

it('a deduction beyond the balance needs confirmation: the preview says so and what confirming gives', async () => {
  const { memberId } = await member(sceneS001);
  await adjust(ops, memberId, { points: 80 });
  const p = await preview(ops, memberId, { points: -200 });
  expect(p).toMatchObject({ balanceBefore: 80, balanceAfter: 0, debtBefore: 0, debtAfter: 120, shortBy: 120, outcome: 'needs-debt-confirmation' });
  expect(await err(adjust(ops, memberId, { points: -200 }))).toMatchObject({ status: 409, code: 'INSUFFICIENT_POINTS' });
  const confirmed = await preview(ops, memberId, { points: -200, allowDebt: true });
  expect(confirmed).toMatchObject({ outcome: 'ok', balanceAfter: 0, debtAfter: 120, shortBy: 120 });
  expect(await adjust(ops, memberId, { points: -200, allowDebt: true })).toMatchObject({ balance: 0, debt: 120 });
});

it('shows the shopper’s text: their reason (English defaults to Chinese), else the neutral one', async () => {
  const { memberId } = await member(sceneS001);
  expect((await preview(ops, memberId, { points: 5 })).shopperText).toEqual({ zh: '积分调整', en: 'Points adjustment' });
  expect((await preview(ops, memberId, { points: 5, shopperReason: { zh: '门店活动补发' } })).shopperText).toEqual({ zh: '门店活动补发', en: '门店活动补发' });
  expect((await preview(ops, memberId, { points: 5, shopperReason: { zh: '门店活动补发', en: 'Store event' } })).shopperText).toEqual({ zh: '门店活动补发', en: 'Store event' });
});

it('customer service: the caps left per case and today, over-cap when a grant does not fit, and the adjustment agrees', async () => {
  const agent = await account('service', { level: 'chain' });
  const { memberId } = await member(sceneS002);
  const caseRef = `CASE-${Date.now()}`;
  expect(await preview(agent, memberId, { points: 200, caseRef })).toMatchObject({ outcome: 'ok', caps: { perCaseLeft: 500, todayLeft: 2000 }, balanceAfter: 200 });
  await adjust(agent, memberId, { points: 200, caseRef });
  expect(await preview(agent, memberId, { points: 300, caseRef })).toMatchObject({ outcome: 'ok', caps: { perCaseLeft: 300, todayLeft: 1800 } });
  const over = await preview(agent, memberId, { points: 301, caseRef });
  expect(over).toMatchObject({ outcome: 'over-cap', caps: { perCaseLeft: 300, todayLeft: 1800 }, balanceBefore: 200, balanceAfter: 501 });
  expect(await err(adjust(agent, memberId, { points: 301, caseRef }))).toMatchObject({ status: 409, code: 'COMPENSATION_CAP' });
  // A grant above the per-case cap on its own: the adjustment's 400, the preview's over-cap.
  expect(await preview(agent, memberId, { points: 501, caseRef: `${caseRef}-B` })).toMatchObject({ outcome: 'over-cap', caps: { perCaseLeft: 500 } });
  // The daily cap (2,000): 200 and three cases of 500 leave 300 for today.
  for (let i = 0; i < 3; i++) await adjust(agent, memberId, { points: 500, caseRef: `${caseRef}-D${i}` });
  expect(await preview(agent, memberId, { points: 300, caseRef: `${caseRef}-E` })).toMatchObject({ outcome: 'ok', caps: { perCaseLeft: 500, todayLeft: 300 } });
  expect(await preview(agent, memberId, { points: 301, caseRef: `${caseRef}-E` })).toMatchObject({ outcome: 'over-cap', caps: { todayLeft: 300 } });
  expect(await err(adjust(agent, memberId, { points: 301, caseRef: `${caseRef}-E` }))).toMatchObject({ status: 409, code: 'COMPENSATION_DAILY_CAP' });
  expect(await adjust(agent, memberId, { points: 300, caseRef: `${caseRef}-E` })).toMatchObject({ balance: 2000 });
});

it('refuses what the adjustment refuses: deductions by customer service, a missing case, another member’s case, scope, an unknown member', async () => {
  const a = await member(sceneS001);
  const b = await member(sceneS002);
  const online = await member();
  expect(await err(preview(service, a.memberId, { points: -10, caseRef: 'CASE-X1' }))).toMatchObject({ status: 403 });
  expect(await err(preview(service, a.memberId, { points: 10 }))).toMatchObject({ status: 400, code: 'CASE_REF_REQUIRED' });
  await adjust(service, a.memberId, { points: 10, caseRef: 'CASE-BOUND-A' });
  expect(await err(preview(service, b.memberId, { points: 10, caseRef: 'CASE-BOUND-A' }))).toMatchObject({ status: 400, code: 'CASE_OTHER_MEMBER' });
  // Scope 'member', like the adjustment: scoped ops only for members homed in scope; customer service anyone.
  const shanghaiOps = await account('ops', { level: 'region', region: 'shanghai' });
  expect(await preview(shanghaiOps, a.memberId, { points: 10 })).toMatchObject({ outcome: 'ok' });
  expect(await err(preview(shanghaiOps, b.memberId, { points: 10 }))).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
  expect(await err(preview(shanghaiOps, online.memberId, { points: 10 }))).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
  expect(await preview(service, b.memberId, { points: 10, caseRef: 'CASE-ANY-B' })).toMatchObject({ outcome: 'ok' });
  expect(await err(preview(ops, '999999999', { points: 10 }))).toMatchObject({ status: 404 });
  // Finance and cashiers may not adjust, so may not preview.
  expect(await err(preview(await staffToken(api, 'finance', 'finance-demo-2026'), a.memberId, { points: 10 }))).toMatchObject({ status: 403 });
});
