import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import type { ChainSettings } from '../../../../shared/settings';
import { defaultChainSettings } from '../../../../shared/settings-defaults';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import SettingsPage from './index';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;
// The editor renders every tab's fields at once; on a busy machine jsdom needs time for it.
jest.setTimeout(120_000);

const defaults = defaultChainSettings as ChainSettings;
const clone = (s: ChainSettings): ChainSettings => JSON.parse(JSON.stringify(s));
const doc = (settings: ChainSettings, version: number) => ({ settings, updatedAt: version ? '2026-12-01T02:00:00.000Z' : null, version });

function routes(opts: { reads?: Array<ReturnType<typeof doc>>; save?: (body: unknown) => Promise<unknown> } = {}) {
  const reads = opts.reads ?? [doc(defaults, 3)];
  let n = 0;
  call.mockImplementation((route: string, args: { body?: unknown }) => {
    if (route === 'getSettings') return Promise.resolve(reads[Math.min(n++, reads.length - 1)]);
    if (route === 'updateSettings') return opts.save ? opts.save(args.body) : Promise.reject(new Error('no save'));
    return Promise.reject(new Error(route));
  });
}
const type = (testid: string, value: string) => fireEvent.change(screen.getByTestId(testid), { target: { value } });
const saves = () => call.mock.calls.filter(([r]) => r === 'updateSettings');

describe('the settings editor', () => {
  beforeEach(() => {
    call.mockReset();
    signInAs('ops');
  });
  afterEach(() => setLang('zh'));

  it('shows the change and a sample basket before and after, then saves the version it read', async () => {
    routes({ save: (body) => Promise.resolve(doc((body as { settings: ChainSettings }).settings, 4)) });
    render(inApp(<SettingsPage />));
    const discount = (await screen.findByTestId('settings-tier-silver-discountBasisPoints')) as HTMLInputElement;
    expect(discount.value).toBe('9500');
    expect((screen.getByTestId('settings-tier-silver-thresholdYuan') as HTMLInputElement).value).toBe('1000');
    type('settings-tier-silver-discountBasisPoints', '9000');
    fireEvent.click(screen.getByTestId('settings-review'));

    const modal = await screen.findByTestId('settings-review-modal');
    const rows = within(modal).getAllByTestId('settings-diff-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].getAttribute('data-path')).toBe('tiers.silver.discountBasisPoints');
    expect(rows[0].textContent).toContain('银卡会员');
    expect(rows[0].textContent).toContain('9500 (95%)');
    expect(rows[0].textContent).toContain('9000 (90%)');

    // The sample basket on an ordinary day: two 100-yuan items and a 30-yuan pack of cigarettes, silver, 2,000 points.
    type('sample-day', '2026-12-01');
    await waitFor(() => expect(screen.getByTestId('sample-before-payable').textContent).toBe('¥198.50'));
    expect(screen.getByTestId('sample-after-payable').textContent).toBe('¥187.00');
    expect(screen.getByTestId('sample-before-afterTier').textContent).toBe('¥218.50');
    expect(screen.getByTestId('sample-after-afterTier').textContent).toBe('¥207.00');
    expect(screen.getByTestId('sample-before-deduction').textContent).toBe('2,000 → -¥20.00');
    expect(screen.getByTestId('sample-before-points').textContent).toContain('345');
    expect(screen.getByTestId('sample-after-points').textContent).toContain('325');

    // Editing the basket moves both sides.
    type('sample-available-points', '0');
    await waitFor(() => expect(screen.getByTestId('sample-before-payable').textContent).toBe('¥218.50'));
    expect(screen.getByTestId('sample-after-deduction').textContent).toBe('积分不足');
    type('sample-available-points', '1.5');
    expect(await screen.findByTestId('settings-preview-invalid')).toBeTruthy();

    fireEvent.click(screen.getByTestId('settings-save-confirm'));
    await waitFor(() => expect(saves()).toHaveLength(1));
    const expected = clone(defaults);
    expected.tiers[1].discountBasisPoints = 9000;
    expect(saves()[0][1]).toEqual({ body: { settings: expected, version: 3 } });
    await waitFor(() => expect(screen.getByTestId('settings-version').textContent).toContain('4'));
  });

  it('a number field refuses what is not exactly a number (9.5 basis points, 1,000 yuan) and nothing is reviewed', async () => {
    routes();
    render(inApp(<SettingsPage />));
    await screen.findByTestId('settings-tier-silver-discountBasisPoints');
    type('settings-tier-silver-discountBasisPoints', '9.5');
    type('settings-tier-gold-thresholdYuan', '1,000');
    fireEvent.click(screen.getByTestId('settings-review'));
    expect(await screen.findByText('只能输入整数，不能有小数')).toBeTruthy();
    expect(await screen.findByText('请输入半角数字（不含逗号、空格或单位）')).toBeTruthy();
    expect(screen.queryByTestId('settings-review-modal')).toBeNull();
  });

  it('money over its bound is refused in yuan; a holiday may not end before it starts', async () => {
    routes();
    render(inApp(<SettingsPage />));
    await screen.findByTestId('settings-tier-silver-discountBasisPoints');
    type('settings-points-deductionMinOrderYuan', '100000001');
    type('settings-holiday-0-to', '2027-02-01');
    fireEvent.click(screen.getByTestId('settings-review'));
    expect(await screen.findByText('不能大于 100,000,000.00 元')).toBeTruthy();
    expect(await screen.findByText('结束日期不能早于开始日期')).toBeTruthy();
  });

  it('nothing changed: says so and opens nothing', async () => {
    routes();
    render(inApp(<SettingsPage />));
    await screen.findByTestId('settings-tier-silver-discountBasisPoints');
    fireEvent.click(screen.getByTestId('settings-review'));
    expect(await screen.findByText('没有修改')).toBeTruthy();
    expect(screen.queryByTestId('settings-review-modal')).toBeNull();
  });

  it('a 409 shows the server’s message and offers to read the settings again', async () => {
    const theirs = clone(defaults);
    theirs.tiers[1].discountBasisPoints = 9200;
    routes({ reads: [doc(defaults, 3), doc(theirs, 4)], save: () => Promise.reject(new ApiError(409, 'SETTINGS_CHANGED', '设置已被他人修改，请刷新后重新修改')) });
    render(inApp(<SettingsPage />));
    await screen.findByTestId('settings-tier-silver-discountBasisPoints');
    type('settings-points-returnWindowDays', '10');
    fireEvent.click(screen.getByTestId('settings-review'));
    await screen.findByTestId('settings-review-modal');
    fireEvent.click(screen.getByTestId('settings-save-confirm'));
    const conflict = await screen.findByTestId('settings-conflict');
    expect(conflict.textContent).toContain('设置已被他人修改，请刷新后重新修改');
    expect((screen.getByTestId('settings-save-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('settings-conflict-reload'));
    await waitFor(() => expect((screen.getByTestId('settings-tier-silver-discountBasisPoints') as HTMLInputElement).value).toBe('9200'));
    expect((screen.getByTestId('settings-points-returnWindowDays') as HTMLInputElement).value).toBe('7');
    expect(screen.getByTestId('settings-version').textContent).toContain('4');
  });

  it('a 400 shows the server’s message in the user’s language and marks the field it names', async () => {
    setLang('en');
    routes({
      save: () =>
        Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [{ path: ['body', 'settings', 'tiers', '2', 'thresholdFen'], message: 'Too big: expected number to be <=1000000000000', code: 'too_big' }])),
    });
    render(inApp(<SettingsPage />));
    await screen.findByTestId('settings-tier-gold-thresholdYuan');
    type('settings-tier-gold-thresholdYuan', '6000');
    fireEvent.click(screen.getByTestId('settings-review'));
    await screen.findByTestId('settings-review-modal');
    fireEvent.click(screen.getByTestId('settings-save-confirm'));
    expect((await screen.findByTestId('settings-error')).textContent).toContain('Invalid body');
    expect(await screen.findByText('The server refused this value: Too big: expected number to be <=1000000000000')).toBeTruthy();
  });

  it('an account not scoped to the chain reads but cannot save', async () => {
    signInAs('ops', { scope: { level: 'store', storeId: 'SH-001' } } as never);
    routes();
    render(inApp(<SettingsPage />));
    expect(await screen.findByTestId('settings-chain-only')).toBeTruthy();
    expect((screen.getByTestId('settings-review') as HTMLButtonElement).disabled).toBe(true);
  });
});
