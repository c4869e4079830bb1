jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { shanghaiToday } from '../../components/days';
import { quietJsdom, renderPage, signInAs } from '../../components/test-utils';
import { api, ApiError } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import { targetProblem } from './hooks';
import AuditPage from './index';

const call = api.call as unknown as jest.Mock;
const entry = (i: number) => ({
  at: `2026-11-30T0${i % 10}:00:00.000Z`,
  actor: 'ops.li',
  role: 'ops',
  action: 'points.adjust',
  target: 'member:000000123',
  before: { balance: 100 + i },
  after: { balance: 200 + i },
});
const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => entry(from + i));

describe('the audit log page', () => {
  quietJsdom();
  beforeEach(() => {
    call.mockReset();
    setLang('zh');
    signInAs({ role: 'admin', scope: { level: 'chain' } });
  });

  it('sends the filters as query parameters, and pages by the cursor the server gave', async () => {
    call.mockImplementation(async (_id: string, { query }: { query: { cursor?: string } }) => {
      if (!query.cursor) return { items: page(0, 20), cursor: 'cursor-2' };
      if (query.cursor === 'cursor-2') return { items: page(20, 3), cursor: null };
      throw new Error('unknown cursor');
    });
    renderPage(<AuditPage />);
    await waitFor(() => expect(call).toHaveBeenCalledWith('auditLog', { query: { date: shanghaiToday(), limit: 50 } }));

    const filters = screen.getByTestId('audit-filters');
    const date = within(filters).getByTestId('audit-filter-date');
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2026-11-30' } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    fireEvent.change(within(filters).getByTestId('audit-filter-action'), { target: { value: 'points.adjust' } });
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(call).toHaveBeenLastCalledWith('auditLog', { query: { date: '2026-11-30', action: 'points.adjust', limit: 50 } }));

    // An actor or a target reads across days: the day is not sent beside them (the API would ignore it).
    fireEvent.change(within(filters).getByTestId('audit-filter-actor'), { target: { value: 'ops.li' } });
    fireEvent.change(within(filters).getByTestId('audit-filter-target'), { target: { value: 'member:000000123' } });
    expect((within(filters).getByTestId('audit-filter-date') as HTMLInputElement).disabled).toBe(true);
    call.mockClear();
    fireEvent.click(screen.getByTestId('audit-search'));
    const query = { actor: 'ops.li', action: 'points.adjust', target: 'member:000000123' };
    await waitFor(() => expect(call).toHaveBeenCalledWith('auditLog', { query: { ...query, limit: 50 } }));
    expect(call.mock.calls[0][1].query.date).toBeUndefined();
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(20));

    // The next page is asked for with the cursor the first page returned, and the same filters.
    fireEvent.click(screen.getByTitle('2'));
    await waitFor(() => expect(call).toHaveBeenLastCalledWith('auditLog', { query: { ...query, limit: 50, cursor: 'cursor-2' } }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(3));
    // No page after the last.
    expect(screen.queryByTitle('3')).toBeNull();
    // Back to page 1: no cursor.
    fireEvent.click(screen.getByTitle('1'));
    await waitFor(() => expect(call).toHaveBeenLastCalledWith('auditLog', { query: { ...query, limit: 50 } }));
  });

  it('shows before and after as JSON in the expanded row', async () => {
    call.mockResolvedValue({ items: [entry(1)], cursor: null });
    renderPage(<AuditPage />);
    const row = await screen.findByTestId('audit-row');
    expect(row.textContent).toContain('积分调整');
    fireEvent.click(row);
    expect(JSON.parse((await screen.findByTestId('audit-before')).textContent!)).toEqual({ balance: 101 });
    expect(JSON.parse(screen.getByTestId('audit-after').textContent!)).toEqual({ balance: 201 });
  });

  it('refuses a malformed target before asking, and shows the server’s refusal as given', async () => {
    call.mockRejectedValueOnce(new ApiError(400, 'VALIDATION', '查询参数无效：target'));
    renderPage(<AuditPage />);
    expect((await screen.findByTestId('audit-error')).textContent).toBe('查询参数无效：target');
    call.mockClear();
    fireEvent.change(screen.getByTestId('audit-filter-target'), { target: { value: 'member:123' } });
    fireEvent.click(screen.getByTestId('audit-search'));
    expect(await screen.findByText(/对象形如 member:000000123/)).toBeTruthy();
    expect(call).not.toHaveBeenCalled();
  });
});

describe('audit targets', () => {
  it('knows the shapes of the targets it names', () => {
    for (const ok of ['member:000000123', 'staff:alice', 'store:SH-001', 'register:SH-001/R1', 'settings', 'coupon-template:CASH-200-30', 'coupon-pack:NEW-MEMBER']) expect(targetProblem(ok)).toBe(false);
    for (const bad of ['member:123', 'staff:Alice', 'register:SH-001', 'settings:x', 'Member:000000123', 'coupon-:X', '-coupon:X']) expect(targetProblem(bad)).toBe(true);
  });
});
