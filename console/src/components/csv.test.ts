// The browser build of csv-stringify is an ES module jest does not compile; its CommonJS build is the same code.
jest.mock('csv-stringify/browser/esm/sync', () => jest.requireActual('csv-stringify/sync'));
import { BOM, buildCsv, fen, fenToYuanText, safeFileName, text, whole } from './csv';

describe('CSV for Excel', () => {
  const columns = [
    { header: '日期', cell: (r: { day: string; points: number; valueFen: number }) => text(r.day) },
    { header: '积分', cell: (r: { day: string; points: number; valueFen: number }) => whole(r.points) },
    { header: '金额(元)', cell: (r: { day: string; points: number; valueFen: number }) => fen(r.valueFen) },
  ];

  it('starts with the BOM, then the headers, with CRLF line ends', () => {
    const csv = buildCsv(columns, [{ day: '2026-11-01', points: 1000, valueFen: 1000 }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.startsWith(BOM + '日期,积分,金额(元)\r\n')).toBe(true);
    expect(csv).toBe('\uFEFF日期,积分,金额(元)\r\n2026-11-01,1000,10.00\r\n');
  });

  it('writes yuan from integer fen exactly, never through floating point', () => {
    expect(fenToYuanText(30)).toBe('0.30');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(-5)).toBe('-0.05');
    expect(fenToYuanText(0)).toBe('0.00');
    expect(fenToYuanText(123456789)).toBe('1234567.89');
    expect(fenToYuanText(-120000)).toBe('-1200.00');
    // 0.1 + 0.2 yuan, added in fen
    expect(fenToYuanText(10 + 20)).toBe('0.30');
    expect(() => fenToYuanText(0.5)).toThrow();
  });

  it('keeps points whole and refuses fractions', () => {
    const csv = buildCsv(columns, [{ day: 'd', points: -120, valueFen: -120 }]);
    expect(csv.split('\r\n')[1]).toBe('d,-120,-1.20');
    expect(() => buildCsv(columns, [{ day: 'd', points: 1.5, valueFen: 0 }])).toThrow();
  });

  it('quotes what needs quoting and defuses formulas in text, but not in numbers', () => {
    const csv = buildCsv([{ header: '门店', cell: (r: { name: string }) => text(r.name) }], [{ name: '南京路店, 一楼' }, { name: '=HYPERLINK("x")' }, { name: '说 "好"' }]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['"南京路店, 一楼"', `"'=HYPERLINK(""x"")"`, '"说 ""好"""']);
  });

  it('appends extra rows such as totals', () => {
    const csv = buildCsv(columns, [], [[text('合计'), whole(3), fen(301)]]);
    expect(csv).toBe('\uFEFF日期,积分,金额(元)\r\n合计,3,3.01\r\n');
  });

  it('makes file names Windows accepts', () => {
    expect(safeFileName('积分负债_2026-11-01_2026-11-30.csv')).toBe('积分负债_2026-11-01_2026-11-30.csv');
    expect(safeFileName('a/b:c.csv')).toBe('a_b_c.csv');
  });
});
