import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import FindMember from './index';
import { parseMemberQuery } from './search-query';

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

  it('shows the server’s message as given', async () => {
    setLang('en');
    call.mockRejectedValue(new ApiError(403, 'FORBIDDEN', 'This account may not look members up'));
    render(inApp(<FindMember />));
    search('100000042');
    expect((await screen.findByTestId('member-search-error')).textContent).toContain('This account may not look members up');
  });
});
