import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { defaultChainSettings } from '../../../../shared/settings-defaults';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import { MemberCoupons } from './MemberCoupons';
import MemberPage from './MemberPage';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;
jest.setTimeout(120_000);

const MEMBER = '100000042';
const coupon = (grantId: string, state: string, over: Record<string, unknown> = {}) => ({
  grantId,
  templateId: 'CASH-200-30',
  name: { zh: '满200减30', en: '¥30 off ¥200' },
  description: null,
  benefit: { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 },
  scope: { storeIds: [], regions: [], categories: [], skus: [], excludeCategories: [], excludeSkus: [] },
  minOrderFen: 0,
  stacking: { group: 'cash-off', excludes: [] },
  receivedAt: '2026-12-01T02:00:00.000Z',
  validFrom: '2026-12-01',
  validThrough: '2026-12-31',
  lastUsableAt: '2026-12-31T15:59:59.999Z',
  state,
  source: 'centre',
  redeemedAt: null,
  redemption: null,
  revokedAt: null,
  revokeReason: null,
  ...over,
});
const template = (templateId: string, status: string, offFen: number) => ({
  templateId,
  name: { zh: `无门槛${offFen / 100}`, en: `¥${offFen / 100} off` },
  description: null,
  benefit: { kind: 'no-threshold', offFen },
  validity: { type: 'after-receipt', days: 30 },
  scope: { storeIds: [], regions: [], categories: [], skus: [], excludeCategories: [], excludeSkus: [] },
  limits: { stock: 100, perMember: 1, budgetFen: null, minOrderFen: 0 },
  stacking: { group: 'no-threshold', excludes: [] },
  claimChannel: 'issued',
  status,
  shards: 1,
  reserveFen: offFen,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'ops',
  statusChangedAt: '2026-12-01T00:00:00.000Z',
  stats: { stock: 100, remaining: 100, issued: 0, redeemed: 0, released: 0, budgetFen: null, budgetRemainingFen: null, reservedFen: 0, settledFen: 0 },
});

function routes(over: Record<string, (args: { body?: Record<string, unknown> }) => Promise<unknown>> = {}) {
  call.mockImplementation((route: string, args: { body?: Record<string, unknown> }) => {
    if (over[route]) return over[route](args);
    if (route === 'memberCoupons') return Promise.resolve({ items: [coupon('g1', 'usable'), coupon('g2', 'redeemed', { redemption: { storeId: 'S001', receiptNo: 'R-1', discountFen: 3000 } })], cursor: null });
    if (route === 'getSettings') return Promise.resolve({ settings: defaultChainSettings, version: 1, updatedAt: null });
    if (route === 'couponTemplates') return Promise.resolve({ items: [template('NT-10', 'active', 1000), template('NT-80', 'active', 8000), template('NT-5', 'paused', 500)], cursor: null });
    if (route === 'getMember') return Promise.resolve({ memberId: MEMBER, tier: { code: 'base', name: { zh: '普通会员', en: 'Member' } }, phoneMasked: null, points: { available: 0, pending: 0 }, storedValueFen: 0, usableCoupons: 1, joinedAt: '2026-11-02T01:30:00.000Z', joinStoreId: null, joinRegisterId: null, profile: { nickname: null, gender: null, region: null, birthMonth: null } });
    if (route === 'memberTimeline') return Promise.resolve({ items: [], cursor: null });
    return Promise.reject(new Error(`unexpected ${route}`));
  });
}
const panel = (canIssue: boolean, canRevoke: boolean, onChanged = jest.fn()) => render(inApp(<MemberCoupons memberId={MEMBER} canIssue={canIssue} canRevoke={canRevoke} onChanged={onChanged} />));
const issued = () => call.mock.calls.filter(([r]) => r === 'issueCompensationCoupon');

async function pickTemplate(label: RegExp) {
  const select = within(screen.getByTestId('issue-coupon-template')).getByRole('combobox');
  fireEvent.mouseDown(select);
  fireEvent.click(await screen.findByText(label, { selector: '.ant-select-item-option-content' }));
}

describe('the member’s coupons', () => {
  beforeEach(() => call.mockReset());
  afterEach(() => setLang('zh'));

  it('lists the coupons with their state; each role sees only the actions its routes allow', async () => {
    for (const role of ['service', 'ops', 'finance'] as const) {
      signInAs(role);
      routes();
      const { unmount } = render(inApp(<MemberPage />, { path: '/members/:memberId', at: `/members/${MEMBER}` }));
      const rows = await screen.findAllByTestId('member-coupon');
      expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['usable', 'redeemed']);
      expect(within(rows[0]).getByTestId('member-coupon-state').textContent).toBe('可使用');
      expect(within(rows[1]).getByText(/小票 R-1 · 减 ¥30.00/)).toBeTruthy();
      // Issuing: ops and service; revoking: ops only, and only a coupon still usable.
      expect({ role, issue: screen.queryAllByTestId('issue-coupon-open').length, revoke: screen.queryAllByTestId('revoke-coupon-open').length }).toEqual({
        role,
        issue: role === 'finance' ? 0 : 1,
        revoke: role === 'ops' ? 1 : 0,
      });
      unmount();
    }
  });

  it('issues a compensation coupon: active templates only, over-cap ones disabled, one key per opening even on a double click and a retry', async () => {
    signInAs('service');
    let n = 0;
    routes({
      issueCompensationCoupon: async () => {
        n += 1;
        if (n === 1) throw new ApiError(503, 'SERVICE_UNAVAILABLE', '服务繁忙');
        return coupon('g3', 'usable', { source: 'compensation' });
      },
    });
    const onChanged = jest.fn();
    panel(true, false, onChanged);
    fireEvent.click(await screen.findByTestId('issue-coupon-open'));
    await waitFor(() => expect(screen.getByTestId('issue-coupon-cap').textContent).toContain('¥50.00'));
    const select = within(screen.getByTestId('issue-coupon-template')).getByRole('combobox');
    fireEvent.mouseDown(select);
    // The paused one is not offered; the ¥80 one is over the ¥50 cap and cannot be picked.
    await screen.findByText(/NT-10/, { selector: '.ant-select-item-option-content' });
    expect(screen.queryByText(/NT-5$/, { selector: '.ant-select-item-option-content' })).toBeNull();
    expect(screen.getByText(/NT-80/, { selector: '.ant-select-item-option-content' }).closest('.ant-select-item-option')!.className).toContain('disabled');
    fireEvent.click(screen.getByText(/NT-10/, { selector: '.ant-select-item-option-content' }));
    fireEvent.change(screen.getByTestId('issue-coupon-case'), { target: { value: 'CS-1' } });
    fireEvent.change(screen.getByTestId('issue-coupon-reason'), { target: { value: '配送延误' } });
    // A malformed case reference is refused before anything is sent.
    fireEvent.change(screen.getByTestId('issue-coupon-case'), { target: { value: 'C' } });
    fireEvent.click(screen.getByTestId('issue-coupon-confirm'));
    await screen.findByText('工单号为 3–40 位字母、数字、_ 或 -');
    expect(issued()).toHaveLength(0);

    fireEvent.change(screen.getByTestId('issue-coupon-case'), { target: { value: 'CS-20261202-001' } });
    fireEvent.click(screen.getByTestId('issue-coupon-confirm'));
    fireEvent.click(screen.getByTestId('issue-coupon-confirm'));
    await screen.findByTestId('issue-coupon-error');
    expect(screen.getByTestId('issue-coupon-confirm').textContent).toContain('重试');
    fireEvent.click(screen.getByTestId('issue-coupon-confirm'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    const keys = issued().map(([, a]) => (a as { body: { idempotencyKey: string } }).body.idempotencyKey);
    expect(issued()[0][1]).toEqual({ params: { memberId: MEMBER }, body: { templateId: 'NT-10', caseRef: 'CS-20261202-001', reason: '配送延误', idempotencyKey: keys[0] } });
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

    // A new opening is a new coupon: a new key.
    await waitFor(() => expect(screen.queryByTestId('issue-coupon-modal')).toBeNull());
    fireEvent.click(screen.getByTestId('issue-coupon-open'));
    await waitFor(() => expect(screen.getByTestId('issue-coupon-cap').textContent).toContain('¥50.00'));
    await pickTemplate(/NT-10/);
    fireEvent.change(screen.getByTestId('issue-coupon-case'), { target: { value: 'CS-20261202-002' } });
    fireEvent.change(screen.getByTestId('issue-coupon-reason'), { target: { value: '再次补偿' } });
    fireEvent.click(screen.getByTestId('issue-coupon-confirm'));
    await waitFor(() => expect(issued().length).toBe(3));
    expect((issued()[2][1] as { body: { idempotencyKey: string } }).body.idempotencyKey).not.toBe(keys[0]);
  });

  it('ops revoke a usable coupon only with a reason and a confirmation', async () => {
    signInAs('ops');
    routes({ revokeCoupon: async () => coupon('g1', 'revoked') });
    const onChanged = jest.fn();
    panel(true, true, onChanged);
    const open = await screen.findAllByTestId('revoke-coupon-open');
    expect(open).toHaveLength(1);
    fireEvent.click(open[0]);
    const confirm = await screen.findByTestId('revoke-coupon-confirm');
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('revoke-coupon-reason'), { target: { value: '误发' } });
    expect((screen.getByTestId('revoke-coupon-confirm') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('revoke-coupon-confirm'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('revokeCoupon', { params: { memberId: MEMBER, grantId: 'g1' }, body: { reason: '误发' } });
  });
});
