import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import { IdempotencyKeys } from './adjust-model';
import { AdjustPoints } from './AdjustPoints';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;

const MEMBER = '100000042';
const preview = (over: Record<string, unknown> = {}) => ({
  memberId: MEMBER,
  points: -15,
  balanceBefore: 100,
  debtBefore: 0,
  balanceAfter: 85,
  debtAfter: 0,
  shortBy: 0,
  outcome: 'ok',
  shopperText: { zh: '积分调整', en: 'Points adjustment' },
  caps: null,
  ...over,
});

/** Answers by route: a preview, then whatever `adjust` says (a function per call, or one value). */
function answer(p: ReturnType<typeof preview>, adjust: Array<() => Promise<unknown>>) {
  let n = 0;
  call.mockImplementation((route: string) => {
    if (route === 'previewPointsAdjustment') return Promise.resolve(p);
    if (route === 'adjustPoints') return adjust[Math.min(n++, adjust.length - 1)]();
    return Promise.reject(new Error(`unexpected ${route}`));
  });
}
const adjustCalls = () => call.mock.calls.filter(([r]) => r === 'adjustPoints');
const previewCalls = () => call.mock.calls.filter(([r]) => r === 'previewPointsAdjustment');

function fill(values: { points?: string; note?: string; reasonZh?: string; reasonEn?: string; caseRef?: string }) {
  const ids = { points: 'adjust-points', note: 'adjust-note', reasonZh: 'adjust-reason-zh', reasonEn: 'adjust-reason-en', caseRef: 'adjust-case-ref' } as const;
  for (const [k, v] of Object.entries(values)) fireEvent.change(screen.getByTestId(ids[k as keyof typeof ids]), { target: { value: v } });
  fireEvent.click(screen.getByTestId('adjust-submit'));
}
const confirmButton = () => screen.getByTestId('adjust-confirm') as HTMLButtonElement;

describe('adjusting points', () => {
  const onDone = jest.fn();
  beforeEach(() => {
    call.mockReset();
    onDone.mockReset();
    signInAs('ops');
  });
  afterEach(() => setLang('zh'));
  const renderOps = (role: 'ops' | 'service' = 'ops') => render(inApp(<AdjustPoints memberId={MEMBER} role={role} onDone={onDone} />));

  it('refuses 1.5 (never 15) and 1,000, and sends nothing', async () => {
    renderOps();
    fill({ points: '1.5', note: '补录积分' });
    expect((screen.getByTestId('adjust-points') as HTMLInputElement).value).toBe('1.5');
    expect(await screen.findByText('只能输入整数，不能有小数')).toBeTruthy();
    fill({ points: '1,000' });
    expect(await screen.findByText('请输入半角数字（不含逗号、空格或单位）')).toBeTruthy();
    expect(call).not.toHaveBeenCalled();
  });

  it('sends exactly -15 when -15 is typed: to the preview, then with the note, the default reason and a key', async () => {
    answer(preview(), [() => Promise.resolve({ memberId: MEMBER, points: -15, balance: 85, debt: 0 })]);
    renderOps();
    fill({ points: '-15', note: '  误发积分扣回 OPS-002 ' });
    await screen.findByTestId('adjust-confirm-modal');
    expect(previewCalls()[0][1]).toEqual({ params: { memberId: MEMBER }, body: { points: -15, allowDebt: false } });
    expect(screen.getByTestId('adjust-confirm-balance').textContent).toBe('100 → 85');
    expect(screen.getByTestId('adjust-confirm-shopper-text').textContent).toContain('积分调整');
    expect(screen.getByTestId('adjust-confirm-note').textContent).toBe('误发积分扣回 OPS-002');
    fireEvent.click(confirmButton());
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [, args] = adjustCalls()[0];
    expect(args.params).toEqual({ memberId: MEMBER });
    expect(args.body).toEqual({ points: -15, note: '误发积分扣回 OPS-002', allowDebt: false, idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_.:-]{4,80}$/) });
    expect((await screen.findByTestId('adjust-success')).textContent).toContain('85');
  });

  it('states the debt and will not send a deduction into debt until the operator ticks it; then sends allowDebt', async () => {
    answer(preview({ points: -300, balanceAfter: 0, debtAfter: 200, shortBy: 200, outcome: 'needs-debt-confirmation', shopperText: { zh: '退货积分扣回', en: 'Points taken back for a return' } }), [
      () => Promise.resolve({ memberId: MEMBER, points: -300, balance: 0, debt: 200 }),
    ]);
    renderOps();
    fill({ points: '-300', note: '退货扣回', reasonZh: '退货积分扣回', reasonEn: 'Points taken back for a return' });
    await screen.findByTestId('adjust-confirm-modal');
    expect(previewCalls()[0][1].body).toEqual({ points: -300, shopperReason: { zh: '退货积分扣回', en: 'Points taken back for a return' }, allowDebt: false });
    expect(screen.getByTestId('adjust-confirm-balance').textContent).toBe('100 → 0');
    expect(screen.getByTestId('adjust-confirm-debt').textContent).toBe('0 → 200');
    expect(screen.getByTestId('adjust-confirm-short').textContent).toContain('余额不足，差 200 分将记为欠分');
    expect(screen.getByTestId('adjust-confirm-shopper-text').textContent).toContain('退货积分扣回');
    expect(confirmButton().disabled).toBe(true);
    fireEvent.click(confirmButton());
    expect(adjustCalls()).toHaveLength(0);
    fireEvent.click(screen.getByTestId('adjust-confirm-debt-checkbox'));
    expect(confirmButton().disabled).toBe(false);
    fireEvent.click(confirmButton());
    await waitFor(() => expect(adjustCalls()).toHaveLength(1));
    expect(adjustCalls()[0][1].body).toMatchObject({ points: -300, allowDebt: true });
    expect((await screen.findByTestId('adjust-success')).textContent).toContain('200');
  });

  it('a retry after a network error sends the same idempotency key, and says the first may have landed', async () => {
    answer(preview({ points: 200, balanceAfter: 300 }), [() => Promise.reject(new TypeError('Failed to fetch')), () => Promise.resolve({ memberId: MEMBER, points: 200, balance: 300, debt: 0 })]);
    renderOps();
    fill({ points: '200', note: '活动补发' });
    await screen.findByTestId('adjust-confirm-modal');
    fireEvent.click(confirmButton());
    const error = await screen.findByTestId('adjust-confirm-error');
    expect(error.textContent).toContain('无法连接服务器');
    expect(error.textContent).toContain('同一操作编号不会重复调整');
    expect(confirmButton().textContent).toContain('重试');
    fireEvent.click(confirmButton());
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [first, second] = adjustCalls().map(([, a]) => a.body.idempotencyKey);
    expect(second).toBe(first);
  });

  it('confirming the same adjustment again after a lost answer reuses the key; a new adjustment after success gets a new one', async () => {
    answer(preview({ points: 200, balanceAfter: 300 }), [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve({ memberId: MEMBER, points: 200, balance: 300, debt: 0 }),
      () => Promise.resolve({ memberId: MEMBER, points: 200, balance: 500, debt: 0 }),
    ]);
    renderOps();
    fill({ points: '200', note: '活动补发' });
    await screen.findByTestId('adjust-confirm-modal');
    fireEvent.click(confirmButton());
    await screen.findByTestId('adjust-confirm-error');
    fireEvent.click(screen.getByTestId('adjust-cancel'));
    fireEvent.click(screen.getByTestId('adjust-submit'));
    await waitFor(() => expect(previewCalls()).toHaveLength(2));
    await screen.findByTestId('adjust-confirm-modal');
    fireEvent.click(confirmButton());
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    fill({ points: '200', note: '活动补发' });
    await waitFor(() => expect(previewCalls()).toHaveLength(3));
    await screen.findByTestId('adjust-confirm-modal');
    fireEvent.click(confirmButton());
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(2));
    const keys = adjustCalls().map(([, a]) => a.body.idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('shows the server’s refusal as given, in the user’s language, and marks the field it names', async () => {
    setLang('en');
    call.mockImplementation((route: string) =>
      route === 'previewPointsAdjustment'
        ? Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [{ path: ['body', 'caseRef'], message: 'Invalid string: must match pattern' }]))
        : Promise.reject(new Error('no')),
    );
    renderOps();
    fill({ points: '20', note: 'goodwill', caseRef: 'CS-1' });
    expect((await screen.findByTestId('adjust-error')).textContent).toBe('Invalid body');
    expect(await screen.findByText('The server refused this value: Invalid string: must match pattern')).toBeTruthy();
  });

  it('a refusal on confirming (the caps) shows the server’s text and is not a retry', async () => {
    answer(preview({ points: 300, balanceAfter: 400, caps: { perCaseLeft: 300, todayLeft: 1500 } }), [
      () => Promise.reject(new ApiError(409, 'COMPENSATION_CAP', '工单 CS-9 已补偿 400 积分，每个工单最多 500')),
    ]);
    signInAs('service');
    renderOps('service');
    fill({ points: '300', note: '配送延误补偿', caseRef: 'CS-9' });
    await screen.findByTestId('adjust-confirm-modal');
    expect(screen.getByTestId('adjust-confirm-caps').textContent).toContain('本工单还可补偿 300 分');
    expect(screen.getByTestId('adjust-confirm-caps').textContent).toContain('今天还可补偿 1,500 分');
    fireEvent.click(confirmButton());
    expect((await screen.findByTestId('adjust-confirm-error')).textContent).toContain('工单 CS-9 已补偿 400 积分，每个工单最多 500');
    expect(confirmButton().textContent).not.toContain('重试');
  });

  it('over the caps: blocked, with what is left', async () => {
    answer(preview({ points: 600, balanceAfter: 700, outcome: 'over-cap', caps: { perCaseLeft: 100, todayLeft: 1500 } }), []);
    signInAs('service');
    renderOps('service');
    fill({ points: '600', note: '配送延误补偿', caseRef: 'CS-9' });
    await screen.findByTestId('adjust-over-cap');
    expect(screen.getByTestId('adjust-confirm-caps').textContent).toContain('本工单还可补偿 100 分');
    expect(confirmButton().disabled).toBe(true);
  });

  it('customer service: grants only, and a case reference is required', async () => {
    signInAs('service');
    renderOps('service');
    fill({ points: '-5', note: '配送延误补偿' });
    expect(await screen.findByText('客服只能补偿积分，不能扣减')).toBeTruthy();
    expect(await screen.findByText('客服补偿须填写工单号')).toBeTruthy();
    fill({ points: '5', caseRef: 'a b' });
    expect(await screen.findByText('工单号为 3–60 位字母、数字或 _ . : -')).toBeTruthy();
    expect(call).not.toHaveBeenCalled();
  });

  it('an English reason needs its Chinese one; the note needs 2–200 characters', async () => {
    renderOps();
    fill({ points: '5', note: 'x', reasonEn: 'Goodwill' });
    expect(await screen.findByText('填写原因时须有中文')).toBeTruthy();
    expect(await screen.findByText('内部备注须为 2–200 个字')).toBeTruthy();
    await act(async () => {});
    expect(call).not.toHaveBeenCalled();
  });
});

describe('IdempotencyKeys', () => {
  const draft = { points: 5, note: 'ab' };
  it('one key per adjustment until settled', () => {
    let i = 0;
    const keys = new IdempotencyKeys(() => `k${++i}`);
    expect(keys.keyFor(draft)).toBe('k1');
    expect(keys.keyFor({ ...draft })).toBe('k1');
    expect(keys.keyFor({ ...draft, points: 6 })).toBe('k2');
    keys.settle('k2');
    expect(keys.keyFor({ ...draft, points: 6 })).toBe('k3');
  });
});
