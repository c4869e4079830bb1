import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import MemberPage from './MemberPage';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;

const MEMBER = '100000042';
const member = {
  memberId: MEMBER,
  tier: { code: 'gold', name: { zh: '金卡会员', en: 'Gold' } },
  phoneMasked: '138****5678',
  points: { available: 1234, pending: 50 },
  storedValueFen: 123_456,
  usableCoupons: 2,
  // 09:30 in Shanghai.
  joinedAt: '2026-11-02T01:30:00.000Z',
  joinStoreId: 'SH-001',
  joinRegisterId: 'R1',
  profile: { nickname: null, gender: null, region: null, birthMonth: null },
};
const entry = (id: string, kind: string, over: Record<string, unknown> = {}) => ({
  id,
  at: '2026-12-01T02:05:00.000Z',
  kind,
  storeId: null,
  registerId: null,
  amountFen: null,
  points: null,
  balanceAfter: null,
  internalNote: null,
  shopperText: null,
  actor: null,
  ref: null,
  ...over,
});
const page1 = {
  items: [
    entry('a', 'points', { points: -15, balanceAfter: 1234, internalNote: '误发积分扣回 OPS-002', shopperText: { zh: '积分调整', en: 'Points adjustment' }, actor: 'ops.one', ref: 'ADJUST#k1' }),
    entry('b', 'sale', { storeId: 'SH-001', registerId: 'R1', amountFen: 12_999, points: 38, balanceAfter: 1249, ref: 'R1-0001' }),
  ],
  cursor: 'next-1',
};
const page2 = { items: [entry('c', 'joined', { storeId: 'SH-001', registerId: 'R1', at: '2026-11-02T01:30:00.000Z' })], cursor: null };

function routes(over: Partial<Record<string, (args: { params?: unknown; query?: Record<string, unknown>; body?: unknown }) => Promise<unknown>>> = {}) {
  call.mockImplementation((route: string, args: { query?: Record<string, unknown> }) => {
    if (over[route]) return over[route]!(args);
    if (route === 'getMember') return Promise.resolve(member);
    if (route === 'memberTimeline') return Promise.resolve(args.query?.cursor === 'next-1' ? page2 : page1);
    if (route === 'memberCoupons') return Promise.resolve({ items: [], cursor: null });
    if (route === 'revealPhone') return Promise.resolve({ memberId: MEMBER, phone: '13812345678' });
    return Promise.reject(new Error(`unexpected ${route}`));
  });
}
const show = () => render(inApp(<MemberPage />, { path: '/members/:memberId', at: `/members/${MEMBER}` }));

describe('the member’s page', () => {
  beforeEach(() => call.mockReset());
  afterEach(() => setLang('zh'));

  it('shows the card: number, tier, masked phone, joined (Shanghai time), points, stored value in yuan, coupons', async () => {
    signInAs('service');
    routes();
    show();
    const card = await screen.findByTestId('member-card');
    expect(within(card).getByTestId('member-number').textContent).toContain(MEMBER);
    expect(within(card).getByTestId('member-tier').textContent).toBe('金卡会员');
    expect(within(card).getByTestId('member-phone-masked').textContent).toBe('138****5678');
    expect(card.textContent).toContain('2026-11-02 09:30');
    expect(card.textContent).toContain('SH-001');
    expect(card.textContent).toContain('1,234');
    expect(card.textContent).toContain('1,234.56');
    expect(call).toHaveBeenCalledWith('getMember', { params: { memberId: MEMBER } });
  });

  it('reveals the full phone only for an account with the permission, and says it was logged', async () => {
    signInAs('service', { canRevealPhone: true });
    routes();
    show();
    fireEvent.click(await screen.findByTestId('reveal-phone'));
    expect((await screen.findByTestId('revealed-phone')).textContent).toBe('13812345678');
    expect(screen.getByTestId('reveal-logged').textContent).toBe('已记入审计日志');
    expect(call).toHaveBeenCalledWith('revealPhone', { params: { memberId: MEMBER } });
  });

  it('no reveal button without the permission', async () => {
    signInAs('service', { canRevealPhone: false });
    routes();
    show();
    await screen.findByTestId('member-card');
    expect(screen.queryByTestId('reveal-phone')).toBeNull();
  });

  it('the timeline: kinds, amounts in yuan, points and balance after, the internal note apart from the shopper’s text; more by the cursor', async () => {
    signInAs('ops');
    routes();
    show();
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')).toHaveLength(2));
    const [adjust, sale] = screen.getAllByTestId('timeline-item');
    expect(adjust.getAttribute('data-kind')).toBe('points');
    expect(within(adjust).getByTestId('timeline-internal-note').textContent).toBe('内部备注（仅员工可见）误发积分扣回 OPS-002');
    expect(within(adjust).getByTestId('timeline-shopper-text').textContent).toBe('会员看到积分调整');
    expect(within(adjust).getByTestId('timeline-points').textContent).toContain('-15');
    expect(within(adjust).getByTestId('timeline-actor').textContent).toContain('ops.one');
    expect(sale.getAttribute('data-kind')).toBe('sale');
    expect(within(sale).getByTestId('timeline-amount').textContent).toContain('¥129.99');
    expect(within(sale).getByTestId('timeline-where').textContent).toContain('SH-001');
    expect(within(sale).getByTestId('timeline-balance-after').textContent).toContain('1,249');
    expect(sale.textContent).toContain('2026-12-01 10:05');
    fireEvent.click(screen.getByTestId('timeline-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')).toHaveLength(3));
    expect(screen.getAllByTestId('timeline-item')[2].getAttribute('data-kind')).toBe('joined');
    expect(call).toHaveBeenCalledWith('memberTimeline', { params: { memberId: MEMBER }, query: { limit: 20, cursor: 'next-1' } });
    expect(screen.queryByTestId('timeline-load-more')).toBeNull();
  });

  it('the adjustment panel: ops and service have it; a member’s 404 says so', async () => {
    signInAs('ops');
    routes();
    const { unmount } = show();
    expect(await screen.findByTestId('adjust-panel')).toBeTruthy();
    unmount();
    routes({ getMember: () => Promise.reject(new ApiError(404, 'NOT_FOUND', '会员 100000042 不存在')) });
    show();
    expect((await screen.findByTestId('member-not-found')).textContent).toContain('会员 100000042 不存在');
  });

  it('after an adjustment, the card and the timeline are read again', async () => {
    signInAs('ops');
    routes({
      previewPointsAdjustment: () => Promise.resolve({ memberId: MEMBER, points: 100, balanceBefore: 1234, debtBefore: 0, balanceAfter: 1334, debtAfter: 0, shortBy: 0, outcome: 'ok', shopperText: { zh: '积分调整', en: 'Points adjustment' }, caps: null }),
      adjustPoints: () => Promise.resolve({ memberId: MEMBER, points: 100, balance: 1334, debt: 0 }),
    });
    show();
    await screen.findByTestId('adjust-panel');
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')).toHaveLength(2));
    const reads = (route: string) => call.mock.calls.filter(([r]) => r === route).length;
    const [members, timelines] = [reads('getMember'), reads('memberTimeline')];
    fireEvent.change(screen.getByTestId('adjust-points'), { target: { value: '100' } });
    fireEvent.change(screen.getByTestId('adjust-note'), { target: { value: '活动补发' } });
    fireEvent.click(screen.getByTestId('adjust-submit'));
    await screen.findByTestId('adjust-confirm-modal');
    fireEvent.click(screen.getByTestId('adjust-confirm'));
    await waitFor(() => expect(reads('getMember')).toBe(members + 1));
    await waitFor(() => expect(reads('memberTimeline')).toBe(timelines + 1));
  });

  it('the profile: nickname, gender, region and the birth month only; empty fields say so', async () => {
    signInAs('service');
    routes({ getMember: () => Promise.resolve({ ...member, profile: { nickname: '王芳', gender: 'female', region: '上海', birthMonth: 6 } }) });
    const { unmount } = show();
    const profile = await screen.findByTestId('member-profile');
    expect(within(profile).getByTestId('profile-nickname').textContent).toBe('王芳');
    expect(within(profile).getByTestId('profile-gender').textContent).toBe('女');
    expect(within(profile).getByTestId('profile-region').textContent).toBe('上海');
    expect(within(profile).getByTestId('profile-birthday').textContent).toBe('6月（年、日不显示）');
    unmount();
    setLang('en');
    routes();
    show();
    const empty = await screen.findByTestId('member-profile');
    for (const id of ['profile-nickname', 'profile-gender', 'profile-region', 'profile-birthday']) expect(within(empty).getByTestId(id).textContent).toBe('Not given');
  });

  it.each([
    ['service', true],
    ['ops', true],
    ['admin', false],
    ['finance', false],
  ] as const)('%s: the birthday correction shown exactly when the route table allows it (%s)', async (role, shown) => {
    signInAs(role);
    routes();
    show();
    await screen.findByTestId('member-profile');
    expect(screen.queryByTestId('birthday-correct-open') !== null).toBe(shown);
  });

  it('after a birthday correction, the card (profile) and the timeline are read again', async () => {
    signInAs('service');
    routes({ correctMemberProfile: () => Promise.resolve({ memberId: MEMBER, nickname: null, gender: null, birthday: '1990-08-15', region: null, birthdayEditable: false }) });
    show();
    fireEvent.click(await screen.findByTestId('birthday-correct-open'));
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')).toHaveLength(2));
    const reads = (route: string) => call.mock.calls.filter(([r]) => r === route).length;
    const [members, timelines] = [reads('getMember'), reads('memberTimeline')];
    const input = screen.getByTestId('birthday-day').querySelector('input')!;
    fireEvent.mouseDown(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '1990-08-15' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.blur(input);
    fireEvent.change(screen.getByTestId('birthday-note'), { target: { value: '会员出示身份证' } });
    fireEvent.click(screen.getByTestId('birthday-next'));
    fireEvent.click(await screen.findByTestId('birthday-confirm'));
    await waitFor(() => expect(reads('getMember')).toBe(members + 1));
    await waitFor(() => expect(reads('memberTimeline')).toBe(timelines + 1));
    await waitFor(() => expect(screen.queryByTestId('birthday-modal')).toBeNull());
  });

  it('a malformed member number is refused before asking', async () => {
    signInAs('ops');
    routes();
    render(inApp(<MemberPage />, { path: '/members/:memberId', at: '/members/12ab' }));
    expect(await screen.findByTestId('member-bad-number')).toBeTruthy();
    expect(call).not.toHaveBeenCalled();
  });
});
