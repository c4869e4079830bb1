import fc from 'fast-check';
import { douyinOrderSchema, mapChannelOrder, meituanOrderSchema, platformLines, tmallOrderSchema } from './channels';
import { lineGrossFen, lineNetFen, saleLinesSchema } from './schemas';

fc.configureGlobal({ seed: 20261201 });

const paths = (schema: { safeParse: (v: unknown) => { error?: { issues: Array<{ path: PropertyKey[] }> } } }, v: unknown) =>
  (schema.safeParse(v).error?.issues ?? []).map((i) => i.path.join('.'));

describe('platform items as sale lines', () => {
  it('Douyin 10.00 yuan for 3: two lines, the gross and the net exact, no negative discount', () => {
    const lines = platformLines([{ sku: 'A', name: '苹果', category: 'fresh', units: 3, grossFen: 1000, paidFen: 1000 }]);
    expect(lines.map((l) => [l.qtyMilli, l.unitPriceFen, l.lineDiscountFen])).toEqual([
      [2000, 333, 0],
      [1000, 334, 0],
    ]);
    expect(saleLinesSchema.safeParse(lines).success).toBe(true);
  });

  it('property: for any item, the lines keep its gross and what was paid to the fen, every discount within its line', () => {
    const item = fc
      .record({ units: fc.integer({ min: 1, max: 100_000 }), grossFen: fc.integer({ min: 0, max: 10_000_000_000 }), paidShare: fc.double({ min: 0, max: 1, noNaN: true }) })
      .filter((i) => Math.ceil(i.grossFen / i.units) <= 100_000_000)
      .map((i) => ({ sku: 'S', name: 'n', category: 'c', units: i.units, grossFen: i.grossFen, paidFen: Math.floor(i.grossFen * i.paidShare) }));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), (items) => {
        const lines = platformLines(items);
        expect(lines.reduce((n, l) => n + lineGrossFen(l), 0)).toBe(items.reduce((n, i) => n + i.grossFen, 0));
        expect(lines.reduce((n, l) => n + lineNetFen(l), 0)).toBe(items.reduce((n, i) => n + i.paidFen, 0));
        for (const l of lines) {
          expect(l.lineDiscountFen).toBeGreaterThanOrEqual(0);
          expect(l.lineDiscountFen).toBeLessThanOrEqual(lineGrossFen(l));
        }
        expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i + 1));
        if (lines.length <= 200 && lines.reduce((n, l) => n + lineGrossFen(l), 0) <= 10_000_000_000) expect(saleLinesSchema.safeParse(lines).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('platform order schemas validate before anything is computed', () => {
  const now = 1_796_000_000; // 2026-11
  const meituan = { order_id: 1, poi_code: 'S001', ctime: now, detail: [{ app_food_code: 'A', food_name: 'a', quantity: 1, price: 6.5 }] };
  const douyin = { order_id: 'D1', shop_id: 'S001', create_time: now, sku_orders: [{ sku_id: 'A', product_name: 'a', item_num: 1, origin_amount: 100, pay_amount: 90 }] };
  const tmall = { tid: 1, store_code: 'S001', created: '2026-11-30 21:05:09', orders: [{ outer_sku_id: 'B', title: 'b', num: 2, price: '59.90', payment: '100.00' }] };

  it.each([
    ['ctime', meituanOrderSchema, { ...meituan, ctime: 1e15 }],
    ['ctime', meituanOrderSchema, { ...meituan, ctime: 1.5 }],
    ['detail.0.price', meituanOrderSchema, { ...meituan, detail: [{ ...meituan.detail[0], price: 0.285 }] }],
    ['detail', meituanOrderSchema, { ...meituan, detail: [{ ...meituan.detail[0], price: 0 }] }],
    ['order_id', meituanOrderSchema, { ...meituan, order_id: 1e300 }],
    ['poi_code', meituanOrderSchema, { ...meituan, poi_code: 's001' }],
    ['create_time', douyinOrderSchema, { ...douyin, create_time: -5 }],
    ['sku_orders.0.pay_amount', douyinOrderSchema, { ...douyin, sku_orders: [{ ...douyin.sku_orders[0], pay_amount: 101 }] }],
    ['created', tmallOrderSchema, { ...tmall, created: '2026-13-45 99:99:99' }],
    ['created', tmallOrderSchema, { ...tmall, created: '2026-02-29 10:00:00' }],
    ['created', tmallOrderSchema, { ...tmall, created: '2026-11-30T21:05:09' }],
    ['orders.0.price', tmallOrderSchema, { ...tmall, orders: [{ ...tmall.orders[0], price: '1e5' }] }],
    ['orders.0.payment', tmallOrderSchema, { ...tmall, orders: [{ ...tmall.orders[0], payment: '119.81' }] }],
  ] as const)('refused at %s (%#)', (path, schema, order) => {
    expect(paths(schema, order)).toContain(path);
  });

  it('maps each platform to the sale model', () => {
    expect(mapChannelOrder('meituan', { ...meituan, recipient_phone: '+86 137-0000-1111' })).toMatchObject({ receiptNo: 'meituan-1', storeId: 'S001', storeField: 'poi_code', soldAt: new Date(now * 1000).toISOString(), phone: '13700001111' });
    expect(mapChannelOrder('douyin', { ...douyin, user_phone: '138****1234' })).toMatchObject({ receiptNo: 'douyin-D1', phone: null, lines: [{ unitPriceFen: 100, lineDiscountFen: 10 }] });
    expect(mapChannelOrder('tmall', tmall)).toMatchObject({ receiptNo: 'tmall-1', soldAt: '2026-11-30T13:05:09.000Z', lines: [{ qtyMilli: 2000, unitPriceFen: 5990, lineDiscountFen: 1980 }] });
  });

  it('property: any JSON is either refused by the schema or maps to lines a sale accepts (never a throw of another kind)', () => {
    const anyOrder = (base: Record<string, unknown>) =>
      fc.record(Object.fromEntries(Object.entries(base).map(([k, v]) => [k, fc.oneof({ arbitrary: fc.constant(v), weight: 4 }, { arbitrary: fc.jsonValue(), weight: 1 })])));
    for (const [platform, base] of [['meituan', meituan], ['douyin', douyin], ['tmall', tmall]] as const) {
      fc.assert(
        fc.property(anyOrder(base), (order) => {
          let mapped;
          try {
            mapped = mapChannelOrder(platform, order);
          } catch (err) {
            expect((err as Error).name).toBe('ZodError');
            return;
          }
          expect(saleLinesSchema.safeParse(mapped.lines).success).toBe(true);
          expect(Number.isNaN(Date.parse(mapped.soldAt))).toBe(false);
        }),
        { numRuns: 200 },
      );
    }
  });
});
