jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
jest.mock('../../components/EChart', () => ({ EChart: (p: { 'data-testid'?: string }) => <div data-testid={p['data-testid']} /> }));

import { act, screen, waitFor } from '@testing-library/react';
import { lastDays } from '../../components/days';
import { quietJsdom, renderPage, signInAs } from '../../components/test-utils';
import { api } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import { joinsChartOption } from './chart';
import JoinsPage from './index';

const call = api.call as unknown as jest.Mock;
const rows = [
  { day: '2026-11-02', storeId: 'SH-001', registerId: 'R1', members: 3 },
  { day: '2026-11-02', storeId: 'SH-001', registerId: 'R2', members: 2 },
  { day: '2026-11-03', storeId: 'SH-002', registerId: 'R1', members: 4 },
];

describe('the joins page', () => {
  quietJsdom();
  beforeEach(() => {
    call.mockReset();
    setLang('zh');
    signInAs({ role: 'ops', scope: { level: 'chain' } });
  });

  it('shows rows per store, register and day, and the drop alerts as sentences', async () => {
    call.mockImplementation(async (id: string) => {
      if (id === 'listStores') return { items: [{ storeId: 'SH-001', name: '南京路店', region: '华东', address: '', registers: [] }] };
      if (id === 'joinStats') return { rows, alerts: [{ day: '2026-11-03', storeId: 'SH-001', members: 2, trailingAverage: 7.25 }] };
      throw new Error(id);
    });
    renderPage(<JoinsPage />);
    expect((await screen.findByTestId('joins-row-2026-11-02-SH-001-R2')).textContent).toContain('南京路店（SH-001）');
    expect(call).toHaveBeenCalledWith('joinStats', { query: { ...lastDays(30), storeId: undefined } });
    await waitFor(() => expect(screen.getByTestId('joins-alert').textContent).toBe('门店 南京路店（SH-001） 在 2026-11-03 新会员 2 人，较近4周同一星期平均 7.25 人下降 50% 以上'));
    expect(screen.getByTestId('joins-total').textContent).toBe('合计新会员 9 人');
    await act(async () => {});
  });

  it('says the alert in English', async () => {
    setLang('en');
    call.mockImplementation(async (id: string) => (id === 'listStores' ? { items: [] } : { rows: [], alerts: [{ day: '2026-11-03', storeId: 'SH-009', members: 1, trailingAverage: 6 }] }));
    renderPage(<JoinsPage />);
    expect((await screen.findByTestId('joins-alert')).textContent).toBe(
      'Store SH-009: 1 new members on 2026-11-03, down 50% or more from the average of 6 for that weekday over the previous 4 weeks',
    );
    // The store list answers too; let its update land inside the test.
    await act(async () => {});
  });
});

describe('the joins chart', () => {
  it('adds registers up per store and day, with zero on days without joins', () => {
    const option = joinsChartOption(rows, { from: '2026-11-01', to: '2026-11-03' }, (s) => s, 'lines') as { series: Array<{ name: string; data: number[]; type: string }> };
    expect(option.series).toEqual([expect.objectContaining({ name: 'SH-001', type: 'line', data: [0, 5, 0] }), expect.objectContaining({ name: 'SH-002', type: 'line', data: [0, 0, 4] })]);
    const stacked = joinsChartOption(rows, { from: '2026-11-01', to: '2026-11-03' }, (s) => s, 'stacked') as { series: Array<{ type: string; stack?: string }> };
    expect(stacked.series.every((s) => s.type === 'bar' && s.stack === 'joins')).toBe(true);
  });
});
