import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { quietJsdom } from '../../components/test-utils';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import { CorrectBirthday } from './CorrectBirthday';
import { birthdayProblem, correctionFieldOf, correctionOf, monthLabel, noteProblem } from './profile-model';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;
const MEMBER = '100000042';
quietJsdom();

describe('the correction model', () => {
  it('a birthday is a real day from 1900-01-01 to today (the chain’s), both included', () => {
    const today = '2026-12-02';
    expect(birthdayProblem(undefined, today)).toBe('required');
    expect(birthdayProblem('', today)).toBe('required');
    expect(birthdayProblem('1900-01-01', today)).toBeNull();
    expect(birthdayProblem('2026-12-02', today)).toBeNull();
    expect(birthdayProblem('2026-12-03', today)).toBe('range');
    expect(birthdayProblem('1899-12-31', today)).toBe('range');
    expect(birthdayProblem('1990-02-30', today)).toBe('range');
    expect(birthdayProblem('19900215', today)).toBe('range');
  });
  it('the reason: required, at most 200 characters after trimming, sent trimmed', () => {
    expect(noteProblem(undefined)).toBe('required');
    expect(noteProblem('   ')).toBe('required');
    expect(noteProblem(` ${'字'.repeat(200)} `)).toBeNull();
    expect(noteProblem('字'.repeat(201))).toBe('length');
    expect(correctionOf({ birthday: '1990-08-15', note: '  会员出示身份证 ' })).toEqual({ birthday: '1990-08-15', note: '会员出示身份证' });
  });
  it('maps the API’s field paths to the form’s fields', () => {
    expect(correctionFieldOf(['body', 'birthday'])).toEqual(['birthday']);
    expect(correctionFieldOf(['body', 'note'])).toEqual(['note']);
    expect(correctionFieldOf(['params', 'memberId'])).toBeNull();
  });
  it('months read as 6月 / June', () => {
    expect(monthLabel(6, 'zh')).toBe('6月');
    expect(monthLabel(6, 'en')).toBe('June');
    expect(monthLabel(12, 'en')).toBe('December');
  });
});

/** Types a day into the picker as a user would, and leaves the field. */
function typeDay(value: string) {
  const input = screen.getByTestId('birthday-day').querySelector('input')!;
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.blur(input);
}
const dayInput = () => screen.getByTestId('birthday-day').querySelector('input')!;
const corrections = () => call.mock.calls.filter(([r]) => r === 'correctMemberProfile');

describe('correcting a birthday', () => {
  const onDone = jest.fn();
  const onClose = jest.fn();
  beforeEach(() => {
    call.mockReset();
    onDone.mockReset();
    onClose.mockReset();
    signInAs('service');
  });
  afterEach(() => setLang('zh'));
  const show = (birthMonth: number | null = 6) => render(inApp(<CorrectBirthday memberId={MEMBER} birthMonth={birthMonth} onClose={onClose} onDone={onDone} />));

  it('asks for the day and the reason before anything else; shows the month it has now, never more', async () => {
    show();
    expect((await screen.findByTestId('birthday-current')).textContent).toBe('6月（年、日不显示）');
    fireEvent.click(screen.getByTestId('birthday-next'));
    expect(await screen.findByText('请选择正确的生日')).toBeTruthy();
    expect(await screen.findByText('请填写更正原因')).toBeTruthy();
    expect(screen.queryByTestId('birthday-confirmation')).toBeNull();
    expect(call).not.toHaveBeenCalled();
  });

  it.each(['2999-01-01', '1899-12-31'])('%s (after today, before 1900) cannot be entered', async (day) => {
    show(null);
    expect((await screen.findByTestId('birthday-current')).textContent).toBe('未填写');
    fireEvent.change(screen.getByTestId('birthday-note'), { target: { value: '会员来电' } });
    typeDay(day);
    // The picker does not take it: the field stays empty.
    fireEvent.click(screen.getByTestId('birthday-next'));
    expect(await screen.findByText('请选择正确的生日')).toBeTruthy();
    expect(screen.queryByText('请填写更正原因')).toBeNull();
    expect(screen.queryByTestId('birthday-confirmation')).toBeNull();
    expect(call).not.toHaveBeenCalled();
  });

  it('confirms what changes, then sends exactly the day and the trimmed reason', async () => {
    call.mockResolvedValue({ memberId: MEMBER, nickname: null, gender: null, birthday: '1990-08-15', region: null, birthdayEditable: false });
    show();
    await screen.findByTestId('birthday-form');
    typeDay('1990-08-15');
    fireEvent.change(screen.getByTestId('birthday-note'), { target: { value: '  会员出示身份证，原登记有误 ' } });
    fireEvent.click(screen.getByTestId('birthday-next'));
    const confirmation = await screen.findByTestId('birthday-confirmation');
    expect(within(confirmation).getByTestId('birthday-confirm-day').textContent).toBe('1990-08-15');
    expect(within(confirmation).getByTestId('birthday-confirm-note').textContent).toBe('会员出示身份证，原登记有误');
    expect(confirmation.textContent).toContain('6月（年、日不显示）');
    expect(confirmation.textContent).toContain('审计日志');
    expect(call).not.toHaveBeenCalled();

    // Back keeps what was typed.
    fireEvent.click(screen.getByTestId('birthday-back'));
    await waitFor(() => expect(screen.queryByTestId('birthday-confirmation')).toBeNull());
    expect(dayInput().value).toBe('1990-08-15');
    fireEvent.click(screen.getByTestId('birthday-next'));
    fireEvent.click(await screen.findByTestId('birthday-confirm'));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith('1990-08-15'));
    expect(corrections()).toEqual([['correctMemberProfile', { params: { memberId: MEMBER }, body: { birthday: '1990-08-15', note: '会员出示身份证，原登记有误' } }]]);
    expect(await screen.findByText('生日已更正为 1990-08-15')).toBeTruthy();
  });

  it('a refusal is shown as the server said it, in the user’s language; the dialog stays and a retry can send again', async () => {
    setLang('en');
    call.mockRejectedValueOnce(new ApiError(403, 'OUT_OF_SCOPE', 'The member’s home store is outside your scope'));
    show();
    await screen.findByTestId('birthday-form');
    expect(screen.getByTestId('birthday-current').textContent).toBe('June (year and day hidden)');
    typeDay('1988-06-01');
    fireEvent.change(screen.getByTestId('birthday-note'), { target: { value: 'Member called' } });
    fireEvent.click(screen.getByTestId('birthday-next'));
    fireEvent.click(await screen.findByTestId('birthday-confirm'));
    expect((await screen.findByTestId('birthday-error')).textContent).toContain('The member’s home store is outside your scope');
    expect(screen.getByTestId('birthday-confirmation')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();

    call.mockResolvedValueOnce({ memberId: MEMBER, nickname: null, gender: null, birthday: '1988-06-01', region: null, birthdayEditable: false });
    fireEvent.click(screen.getByTestId('birthday-confirm'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('1988-06-01'));
    expect(corrections()).toHaveLength(2);
  });

  it('a refusal naming a field goes back to the form with the field marked', async () => {
    call.mockRejectedValueOnce(new ApiError(400, 'VALIDATION_FAILED', '请求参数不正确', [{ path: ['body', 'birthday'], message: 'not a real date of birth' }]));
    show();
    await screen.findByTestId('birthday-form');
    typeDay('2000-01-01');
    fireEvent.change(screen.getByTestId('birthday-note'), { target: { value: '会员来电' } });
    fireEvent.click(screen.getByTestId('birthday-next'));
    fireEvent.click(await screen.findByTestId('birthday-confirm'));
    expect(await screen.findByText('服务器不接受此值')).toBeTruthy();
    expect(screen.queryByTestId('birthday-confirmation')).toBeNull();
    expect(screen.getByTestId('birthday-error').textContent).toContain('请求参数不正确');
  });
});
