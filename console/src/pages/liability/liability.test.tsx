jest.mock('csv-stringify/browser/esm/sync', () => jest.requireActual('csv-stringify/sync'));
jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
jest.mock('../../components/EChart', () => ({ EChart: (p: { 'data-testid'?: string }) => <div data-testid={p['data-testid']} /> }));
jest.mock('../../components/csv', () => ({ ...jest.requireActual('../../components/csv'), downloadCsv: jest.fn() }));

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { downloadCsv } from '../../components/csv';
import { lastDays } from '../../components/days';
import { quietJsdom, renderPage } from '../../components/test-utils';
import { api, ApiError } from '../../shell/api';
import { setLang, translate } from '../../shell/i18n';
import { liabilityDaysCsv } from './csv';
import LiabilityPage from './index';
import { liabilityMessages } from './messages';
import type { LiabilityDays } from './hooks';

const call = api.call as unknown as jest.Mock;

const day = (d: string, closing: number, valueFen: number) => ({
  day: d,
  opening: 100_000,
  earned: 23_450,
  spent: 1_000,
  expired: 0,
  adjusted: -120,
  closing,
  valueFen: { opening: 100_000, earned: 23_450, spent: 1_000, expired: 0, adjusted: -120, closing: valueFen },
});
const report: LiabilityDays = { asOf: '2026-11-30T07:00:00.000Z', pointValue: { points: 100, fen: 100 }, rows: [day('2026-11-01', 122_330, 122_330), day('2026-11-02', 123_456, 123_45)] };

describe('the liability page', () => {
  quietJsdom();
  beforeEach(() => {
    call.mockReset();
    setLang('zh');
  });

  it('asks for the last 30 business days and shows the server’s rows, values in yuan', async () => {
    call.mockResolvedValue(report);
    renderPage(<LiabilityPage />);
    const row = await screen.findByTestId('liability-day-row-2026-11-01');
    expect(call).toHaveBeenCalledWith('pointsLiabilityDays', { query: lastDays(30) });
    expect(within(row).getByTestId('liability-2026-11-01-earned-points').textContent).toBe('23,450');
    expect(within(row).getByTestId('liability-2026-11-01-earned-yuan').textContent).toBe('234.50');
    expect(within(row).getByTestId('liability-2026-11-01-adjusted-yuan').textContent).toBe('-1.20');
    expect(within(row).getByTestId('liability-2026-11-01-closing-yuan').textContent).toBe('1,223.30');
    expect(screen.getByTestId('liability-2026-11-02-closing-yuan').textContent).toBe('123.45');
    expect(screen.getByTestId('liability-rate').textContent).toBe('积分价值：100 积分 = 1.00 元');
    expect(screen.getByTestId('liability-as-of').textContent).toContain('2026-11-30 15:00:00');
  });

  it('exports the day table as CSV named by the range, with Chinese headers', async () => {
    call.mockResolvedValue(report);
    renderPage(<LiabilityPage />);
    await screen.findByTestId('liability-day-row-2026-11-01');
    fireEvent.click(screen.getByTestId('liability-days-export'));
    const { from, to } = lastDays(30);
    expect(downloadCsv).toHaveBeenCalledWith(`积分负债_${from}_${to}.csv`, expect.any(String));
    const csv = (downloadCsv as jest.Mock).mock.calls[0][1] as string;
    expect(csv.startsWith('\uFEFF日期,期初积分,期初金额(元),发放积分,发放金额(元)')).toBe(true);
    expect(csv.split('\r\n')[2]).toBe('2026-11-02,100000,1000.00,23450,234.50,1000,10.00,0,0.00,-120,-1.20,123456,123.45');
  });

  it('shows the server’s refusal as given', async () => {
    call.mockRejectedValue(new ApiError(403, 'OUT_OF_SCOPE', '积分负债报表仅限全部门店范围的账号'));
    renderPage(<LiabilityPage />);
    expect((await screen.findByTestId('liability-error')).textContent).toBe('积分负债报表仅限全部门店范围的账号');
  });

  it('loads the store tab with the account’s stores and filters by store', async () => {
    call.mockImplementation(async (id: string, args?: { query?: { storeId?: string } }) => {
      if (id === 'pointsLiabilityDays') return report;
      if (id === 'listStores') return { items: [{ storeId: 'SH-001', name: '南京路店', region: '华东', address: '', registers: [] }] };
      if (id === 'pointsLiabilityStores') return { asOf: report.asOf, rows: [{ day: '2026-11-01', storeId: 'SH-001', earned: 500, spent: 200, reversed: 10, refunded: 5 }] };
      throw new Error(`unexpected ${id} ${JSON.stringify(args)}`);
    });
    renderPage(<LiabilityPage />);
    fireEvent.click(screen.getByTestId('liability-tab-stores'));
    const row = await screen.findByTestId('liability-store-row-2026-11-01-SH-001');
    expect(row.textContent).toContain('南京路店');
    expect(call).toHaveBeenCalledWith('pointsLiabilityStores', { query: { ...lastDays(30), storeId: undefined } });
  });
});

describe('the liability CSV', () => {
  it('has English headers in English', () => {
    const t = (k: keyof (typeof liabilityMessages)['en'], v?: Record<string, string | number>) => translate(liabilityMessages, 'en', k, v);
    expect(liabilityDaysCsv(report.rows, t).split('\r\n')[0]).toBe(
      '\uFEFFDay,Opening points,Opening value (yuan),Earned points,Earned value (yuan),Spent points,Spent value (yuan),Expired points,Expired value (yuan),Adjusted points,Adjusted value (yuan),Closing points,Closing value (yuan)',
    );
  });
});
