import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import CouponTemplatesPage from './index';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;
jest.setTimeout(120_000);

const template = (templateId: string, status: string, over: Record<string, unknown> = {}) => ({
  templateId,
  name: { zh: '满200减30', en: '¥30 off ¥200' },
  description: null,
  benefit: { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 },
  validity: { type: 'after-receipt', days: 30 },
  scope: { storeIds: [], regions: [], categories: [], skus: [], excludeCategories: [], excludeSkus: [] },
  limits: { stock: 1000, perMember: 1, budgetFen: 100_000, minOrderFen: 0 },
  stacking: { group: 'cash-off', excludes: [] },
  claimChannel: 'centre',
  status,
  shards: 1,
  reserveFen: 3000,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'ops',
  statusChangedAt: '2026-12-01T00:00:00.000Z',
  stats: { stock: 1000, remaining: 990, issued: 10, redeemed: 2, released: 0, budgetFen: 100_000, budgetRemainingFen: 70_000, reservedFen: 24_000, settledFen: 6_000 },
  ...over,
});

function routes(over: Record<string, (args: { body?: Record<string, unknown>; query?: Record<string, unknown> }) => Promise<unknown>> = {}) {
  call.mockImplementation((route: string, args: { body?: Record<string, unknown>; query?: Record<string, unknown> }) => {
    if (over[route]) return over[route](args);
    if (route === 'couponTemplates') return Promise.resolve(args.query?.state === 'ended' ? { items: [template('OLD', 'ended')], cursor: null } : { items: [template('CASH-200-30', 'active'), template('DRAFT-1', 'draft')], cursor: null });
    if (route === 'couponTemplate') return Promise.resolve(template('CASH-200-30', 'active'));
    if (route === 'listStores') return Promise.resolve({ items: [{ storeId: 'S001', name: '南京西路店', region: 'shanghai', address: 'x', registers: [] }] });
    return Promise.reject(new Error(`unexpected ${route}`));
  });
}
const type = (testid: string, value: string) => fireEvent.change(screen.getByTestId(testid), { target: { value } });

describe('the coupon templates page', () => {
  beforeEach(() => call.mockReset());
  afterEach(() => setLang('zh'));

  it('lists live templates with what they give, stock and budget; chain ops get the actions each status allows', async () => {
    signInAs('ops');
    routes();
    render(inApp(<CouponTemplatesPage />));
    const rows = await screen.findAllByTestId('template-row');
    expect(rows.map((r) => r.getAttribute('data-template-id'))).toEqual(['CASH-200-30', 'DRAFT-1']);
    expect(within(rows[0]).getByTestId('template-summary').textContent).toBe('满200减30');
    expect(within(rows[0]).getByTestId('template-stock-cell').textContent).toBe('10 / 990');
    expect(rows[0].textContent).toContain('¥300.00 / ¥1,000.00');
    expect(within(rows[0]).getByTestId('template-pause')).toBeTruthy();
    expect(within(rows[0]).queryByTestId('template-activate')).toBeNull();
    expect(within(rows[1]).getByTestId('template-activate')).toBeTruthy();
    expect(screen.getByTestId('template-new')).toBeTruthy();

    // Ended ones on their own tab, without actions.
    fireEvent.click(screen.getByTestId('templates-tab-ended'));
    await waitFor(() => expect(call).toHaveBeenLastCalledWith('couponTemplates', { query: { state: 'ended' } }));
    await waitFor(() => expect(screen.getAllByTestId('template-row').map((r) => r.getAttribute('data-template-id'))).toEqual(['OLD']));
    expect(screen.queryByTestId('template-end')).toBeNull();
  });

  it('an ops account below the chain reads but sees no action and no new-template button', async () => {
    signInAs('ops', { scope: { level: 'region', region: 'shanghai' } });
    routes();
    render(inApp(<CouponTemplatesPage />));
    await screen.findAllByTestId('template-row');
    expect(screen.getByTestId('templates-chain-only')).toBeTruthy();
    expect(screen.queryByTestId('template-new')).toBeNull();
    expect(screen.queryByTestId('template-pause')).toBeNull();
  });

  it('ending early says grants stay usable and needs a reason; it is sent with it', async () => {
    signInAs('ops');
    routes({ changeCouponTemplateStatus: async () => template('CASH-200-30', 'ended') });
    render(inApp(<CouponTemplatesPage />));
    const rows = await screen.findAllByTestId('template-row');
    fireEvent.click(within(rows[0]).getByTestId('template-end'));
    const modal = await screen.findByTestId('template-action-modal');
    expect(within(modal).getByTestId('template-end-keeps').textContent).toContain('已发给会员的券不会作废');
    expect((screen.getByTestId('template-action-confirm') as HTMLButtonElement).disabled).toBe(true);
    type('template-action-reason', '活动提前下线');
    fireEvent.click(screen.getByTestId('template-action-confirm'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('changeCouponTemplateStatus', { params: { templateId: 'CASH-200-30' }, body: { action: 'end', reason: '活动提前下线' } }));
  });

  it('the new-template form sends fen and basis points, and puts the server’s refusal on its field', async () => {
    signInAs('ops');
    let sent: Record<string, unknown> | undefined;
    routes({
      createCouponTemplate: async ({ body }) => {
        sent = body;
        throw new ApiError(400, 'VALIDATION_FAILED', '请求无效', [{ path: ['body', 'limits', 'budgetFen'], message: '预算低于一张券的面额' }]);
      },
    });
    render(inApp(<CouponTemplatesPage />));
    fireEvent.click(await screen.findByTestId('template-new'));
    await screen.findByTestId('template-form');
    type('template-id', 'PCT-85');
    type('template-name-zh', '8.5折券');
    fireEvent.click(screen.getByTestId('template-kind-percent-off'));
    await screen.findByTestId('template-discount');
    type('template-discount', '8.5');
    await waitFor(() => expect(screen.getByTestId('template-discount-hint').textContent).toContain('1500'));
    type('template-cap', '20');
    type('template-valid-days', '7');
    type('template-stock', '500');
    type('template-budget', '10');
    // Not a number as typed: refused, nothing sent.
    type('template-per-member', '1.5');
    fireEvent.click(screen.getByTestId('template-form-submit'));
    await screen.findByText('只能输入整数，不能有小数');
    expect(sent).toBeUndefined();
    type('template-per-member', '2');
    fireEvent.click(screen.getByTestId('template-form-submit'));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({
      templateId: 'PCT-85',
      benefit: { kind: 'percent-off', offBasisPoints: 1500, capFen: 2000, thresholdFen: 0 },
      validity: { type: 'after-receipt', days: 7 },
      limits: { stock: 500, perMember: 2, budgetFen: 1000, minOrderFen: 0 },
      stacking: { group: 'percent-off', excludes: [] },
      claimChannel: 'centre',
      status: 'active',
    });
    await screen.findByText('服务器不接受此值：预算低于一张券的面额');
    expect(screen.getByTestId('template-form-error').textContent).toContain('请求无效');
  });
});
