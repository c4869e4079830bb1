import { joinShopper, memberCodeFor, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * What the console shows a service agent of a member's profile (issue 9 §1): nickname, gender and region as the
 * member gave them, the birthday's month only, on a look-up and in every search result; the register's view
 * (identify) carries no profile.
 */
let api: TestApi;
let service: string;
let ops: string;
let cashier: string;
beforeAll(async () => {
  api = await startTestApi();
  [service, ops, cashier] = await Promise.all([
    staffToken(api, 'service', 'service-demo-2026'),
    staffToken(api, 'ops', 'ops-demo-2026'),
    staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'),
  ]);
}, 60_000);
afterAll(() => api?.close());

it('a look-up and a name search show nickname, gender, region and the birth month, never the birthday', async () => {
  const name = `林静${Date.now().toString(36)}`;
  const m = await joinShopper(api, '13755500001');
  await m.client.call('updateMyProfile', { body: { nickname: name, gender: 'female', birthday: '1988-06-15', region: '上海' } });

  const view = await api.client(service).call('getMember', { params: { memberId: m.memberId } });
  expect(view.profile).toEqual({ nickname: name, gender: 'female', region: '上海', birthMonth: 6 });
  expect(JSON.stringify(view)).not.toContain('06-15');
  expect(JSON.stringify(view)).not.toContain('1988');

  const found = await api.client(ops).call('findMembers', { query: { name } });
  expect(found.items).toEqual([view]);

  // A correction moves the month shown.
  await api.client(service).call('correctMemberProfile', { params: { memberId: m.memberId }, body: { birthday: '1988-09-15', note: '会员来电更正' } });
  expect((await api.client(service).call('getMember', { params: { memberId: m.memberId } })).profile.birthMonth).toBe(9);
});

it('a member who gave nothing: every profile field null', async () => {
  const m = await joinShopper(api, '13755500002');
  expect((await api.client(service).call('getMember', { params: { memberId: m.memberId } })).profile).toEqual({ nickname: null, gender: null, region: null, birthMonth: null });
});

it('the register identifies a member without any of the profile', async () => {
  const m = await joinShopper(api, '13755500003');
  await m.client.call('updateMyProfile', { body: { nickname: '收银不可见', region: '杭州' } });
  const found = await api.client(cashier).call('identifyMember', { body: { code: memberCodeFor(m.memberId) } });
  expect(found.member.memberId).toBe(m.memberId);
  expect(found.member).not.toHaveProperty('profile');
  expect(JSON.stringify(found)).not.toContain('收银不可见');
});
