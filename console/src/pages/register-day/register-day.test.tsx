jest.mock('csv-stringify/browser/esm/sync', () => jest.requireActual('csv-stringify/sync'));
jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
jest.mock('../../components/csv', () => ({ ...jest.requireActual('../../components/csv'), downloadCsv: jest.fn() }));

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { downloadCsv } from '../../components/csv';
import { shanghaiToday } from '../../components/days';
import { quietJsdom, renderPage, signInAs } from '../../components/test-utils';
import { api, ApiError } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import RegisterDayPage from './index';

const call = api.call as unknown as jest.Mock;
const row = (registerId: string, salesNetFen: number) => ({ storeId: 'SH-001', registerId, salesPosted: 10, salesNetFen, membersIdentified: 6, joins: 2, pointsIssued: 1234, pointsRedeemed: 100, returns: 1 });

function serve(report: unknown) {
  call.mockImplementation(async (id: string) => {
    if (id === 'listStores') return { items: [{ storeId: 'SH-001', name: '南京路店', region: '华东', address: '', registers: [{ storeId: 'SH-001', registerId: 'R1', name: '1号台', joinScene: 'ab12CD34' }] }] };
    if (id === 'registerDayReport') {
      if (report instanceof Error) throw report;
      return report;
    }
    throw new Error(id);
  });
}

describe('the register day report', () => {
  quietJsdom();
  beforeEach(() => {
    call.mockReset();
    setLang('zh');
    signInAs({ role: 'admin', scope: { level: 'chain' } });
  });

  it('shows each register with net sales in yuan and a totals row, and exports it with the totals', async () => {
    serve({ day: '2026-11-30', rows: [row('R1', 10), row('R2', 20)] });
    renderPage(<RegisterDayPage />);
    expect((await screen.findByTestId('register-day-row-SH-001-R1')).textContent).toContain('1号台');
    expect(call).toHaveBeenCalledWith('registerDayReport', { query: { day: shanghaiToday(), storeId: undefined } });
    expect(screen.getByTestId('register-day-net-SH-001-R1').textContent).toBe('0.10');
    expect(screen.getByTestId('register-day-total-net').textContent).toBe('0.30');
    expect(screen.getByTestId('register-day-totals').textContent).toContain('2,468');

    fireEvent.click(screen.getByTestId('register-day-export'));
    expect(downloadCsv).toHaveBeenCalledWith('收银台日报_2026-11-30.csv', expect.any(String));
    const lines = ((downloadCsv as jest.Mock).mock.calls[0][1] as string).split('\r\n');
    expect(lines[0]).toBe('\uFEFF门店编号,门店名称,收银台,收银台名称,销售笔数,净销售额（元）,识别会员笔数,新入会,发放积分,抵扣积分,退货笔数');
    expect(lines[1]).toBe('SH-001,南京路店,R1,1号台,10,0.10,6,2,1234,100,1');
    expect(lines[3]).toBe('合计,,,,20,0.30,12,4,2468,200,2');
  });

  it('shows the server’s refusal as given', async () => {
    serve(new ApiError(400, 'VALIDATION', '日期无效'));
    renderPage(<RegisterDayPage />);
    await waitFor(() => expect(screen.getByTestId('register-day-error').textContent).toBe('日期无效'));
  });
});
