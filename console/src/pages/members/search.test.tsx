import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import FindMember from './index';
import { describeQuery, parseMemberQuery, parseNameQuery } from './search-query';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;

const member = {
  memberId: '100000042',
  tier: { code: 'silver', name: { zh: '银卡会员', en: 'Silver' } },
  phoneMasked: '138****5678',
  points: { available: 1234, pending: 50 },
  storedValueFen: 0,
  usableCoupons: 0,
  joinedAt: '2026-11-02T01:30:00.000Z',
  joinStoreId: 'SH-001',
  joinRegisterId: 'R1',
  profile: { nickname: null, gender: null, region: null, birthMonth: null },
};

describe('parseMemberQuery', () => {
  it.each([
    ['13812345678', { phone: '13812345678' }],
    ['+86 138 1234 5678', { phone: '13812345678' }],
    ['86-138-1234-5678', { phone: '13812345678' }],
    [' 138 1234 5678 ', { phone: '13812345678' }],
    ['100000042', { memberId: '100000042' }],
    ['100 000 042', { memberId: '100000042' }],
  ])('%s → %j', (text, query) => {
    expect(parseMemberQuery(text)).toEqual({ ok: true, query });
  });
  it.each([['', 'empty'], ['   ', 'empty'], ['1234567890', 'invalid'], ['12812345678', 'invalid'], ['１３８１２３４５６７８', 'invalid'], ['10000004a', 'invalid'], ['1.00000042', 'invalid']])(
    '%j is refused (%s)',
    (text, problem) => {
      expect(parseMemberQuery(text)).toEqual({ ok: false, problem });
    },
  );
});

describe('parseNameQuery', () => {
  it('takes the whole name, trimmed (the API matches it exactly)', () => {
    expect(parseNameQuery('  王 芳 ')).toEqual({ ok: true, query: { name: '王 芳' } });
    expect(parseNameQuery('13812345678')).toEqual({ ok: true, query: { name: '13812345678' } });
    expect(parseNameQuery('x'.repeat(32))).toEqual({ ok: true, query: { name: 'x'.repeat(32) } });
  });
  it.each([['', 'nameEmpty'], ['   ', 'nameEmpty'], ['x'.repeat(33), 'nameTooLong']])('%j is refused (%s)', (text, problem) => {
    expect(parseNameQuery(text)).toEqual({ ok: false, problem });
  });
  it('describes what was asked', () => {
    expect(describeQuery({ name: '王芳' })).toEqual({ kind: 'name', text: '王芳' });
    expect(describeQuery({ phone: '13812345678' })).toEqual({ kind: 'phone', text: '13812345678' });
    expect(describeQuery({ memberId: '100000042' })).toEqual({ kind: 'memberId', text: '100000042' });
  });
});

describe('finding a member', () => {
  beforeEach(() => {
    call.mockReset();
    signInAs('service');
  });
  afterEach(() => setLang('zh'));

  const search = (text: string) => {
    fireEvent.change(screen.getByTestId('member-search-input'), { target: { value: text } });
    fireEvent.click(screen.getByTestId('member-search-submit'));
  };

  it('a phone goes as { phone }, normalised, and the result links to the member’s page', async () => {
    call.mockResolvedValue({ items: [member] });
    render(inApp(<FindMember />));
    search('+86 138 1234 5678');
    await waitFor(() => expect(call).toHaveBeenCalledWith('findMembers', { query: { phone: '13812345678' } }));
    const link = await screen.findByTestId('member-result-link');
    expect(link.getAttribute('href')).toBe('/members/100000042');
    expect(screen.getByTestId('member-result').textContent).toContain('138****5678');
    expect(screen.getByTestId('member-result').textContent).toContain('银卡会员');
    expect(screen.getByTestId('member-result').textContent).toContain('1,234');
  });

  it('a 9-digit number goes as { memberId }', async () => {
    call.mockResolvedValue({ items: [member] });
    render(inApp(<FindMember />));
    search('100000042');
    await waitFor(() => expect(call).toHaveBeenCalledWith('findMembers', { query: { memberId: '100000042' } }));
    expect(await screen.findByTestId('member-result-link')).toBeTruthy();
  });

  it('says so when nobody matches', async () => {
    call.mockResolvedValue({ items: [] });
    render(inApp(<FindMember />));
    search('13900000000');
    expect((await screen.findByTestId('member-not-found')).textContent).toContain('13900000000');
  });

  it('refuses what is neither, without calling the API', async () => {
    render(inApp(<FindMember />));
    search('12345');
    expect(await screen.findByText('请输入 11 位手机号（以 13–19 开头）或 9 位会员号')).toBeTruthy();
    expect(call).not.toHaveBeenCalled();
  });

  describe('by name', () => {
    const byName = () => fireEvent.click(screen.getByTestId('member-search-mode-name'));
    const other = {
      ...member,
      memberId: '100000077',
      tier: { code: 'gold', name: { zh: '金卡会员', en: 'Gold' } },
      phoneMasked: '139****0001',
      // 23:30 UTC is the next day in Shanghai.
      joinedAt: '2026-03-04T23:30:00.000Z',
      profile: { nickname: '王芳', gender: 'female', region: '杭州', birthMonth: 3 },
    };
    const first = { ...member, profile: { nickname: '王芳', gender: null, region: '上海', birthMonth: null } };

    it('says the name must match exactly, and sends it as { name }, trimmed', async () => {
      call.mockResolvedValue({ items: [first] });
      render(inApp(<FindMember />));
      byName();
      expect(screen.getByTestId('member-search-hint').textContent).toContain('姓名需完全一致');
      search('  王芳 ');
      await waitFor(() => expect(call).toHaveBeenCalledWith('findMembers', { query: { name: '王芳' } }));
      expect((await screen.findByTestId('member-result')).textContent).toContain('王芳');
      expect(screen.queryByTestId('member-same-name')).toBeNull();
    });

    it('members sharing a name are all listed, each with member number, masked phone, tier and join day (Shanghai)', async () => {
      call.mockResolvedValue({ items: [first, other] });
      render(inApp(<FindMember />));
      byName();
      search('王芳');
      await waitFor(() => expect(screen.getAllByTestId('member-result')).toHaveLength(2));
      expect(screen.getByTestId('member-same-name').textContent).toContain('2 位会员同名');
      const [a, b] = screen.getAllByTestId('member-result');
      expect(a.getAttribute('data-member-id')).toBe('100000042');
      expect(a.textContent).toContain('138****5678');
      expect(a.textContent).toContain('银卡会员');
      expect(within(a).getByTestId('member-result-joined').textContent).toContain('2026-11-02');
      expect(within(a).getByTestId('member-result-region').textContent).toBe('上海');
      expect(b.getAttribute('data-member-id')).toBe('100000077');
      expect(b.textContent).toContain('139****0001');
      expect(b.textContent).toContain('金卡会员');
      expect(within(b).getByTestId('member-result-joined').textContent).toContain('2026-03-05');
      expect(within(b).getAllByTestId('member-result-link')[0].getAttribute('href')).toBe('/members/100000077');
    });

    it('an empty or too long name is refused without calling the API; nobody found says by name', async () => {
      render(inApp(<FindMember />));
      byName();
      search('   ');
      expect(await screen.findByText('请输入会员姓名')).toBeTruthy();
      search('x'.repeat(33));
      expect(await screen.findByText('姓名最多 32 个字符')).toBeTruthy();
      expect(call).not.toHaveBeenCalled();
      call.mockResolvedValue({ items: [] });
      search('没有这个人');
      expect((await screen.findByTestId('member-not-found')).textContent).toContain('按姓名：没有这个人');
    });

    it('in English too', async () => {
      setLang('en');
      render(inApp(<FindMember />));
      byName();
      expect(screen.getByTestId('member-search-hint').textContent).toMatch(/^Exact name/);
    });
  });

  it('shows the server’s message as given', async () => {
    setLang('en');
    call.mockRejectedValue(new ApiError(403, 'FORBIDDEN', 'This account may not look members up'));
    render(inApp(<FindMember />));
    search('100000042');
    expect((await screen.findByTestId('member-search-error')).textContent).toContain('This account may not look members up');
  });
});
