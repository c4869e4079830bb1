import * as z from 'zod';
import { allocateProportionally } from '../../rules/earning';
import { CN_MOBILE, normalizePhone } from '../../rules/phone';
import { channelPlatforms, MAX_SALE_FEN, MAX_UNIT_PRICE_FEN, type SaleLine } from './schemas';
import { storeIdSchema } from '../../schemas';

/**
 * Orders pushed by delivery and e-commerce platforms, each in its own field names and units, validated by its
 * own schema BEFORE anything is computed from it (an epoch of 1e15 or a 13th month used to reach Date and throw),
 * then mapped to the one sale model: receipt number `<platform>-<order id>`, so a re-push is idempotent like a
 * register's retry. The schemas are exported for the OpenAPI document.
 *
 * Meituan: yuan as floats, epoch seconds. Douyin: fen, epoch seconds. Tmall: yuan as strings, Beijing wall clock.
 */
export { channelPlatforms };
export type ChannelPlatform = (typeof channelPlatforms)[number];

// Orders from 2020 to 2100: anything else is not a time a shop sold something (late and future sales are the
// sale rules' to refuse, with their own codes).
const EPOCH_MIN = Date.UTC(2020, 0, 1) / 1000;
const EPOCH_MAX = Date.UTC(2100, 0, 1) / 1000;
const epochSeconds = z
  .number()
  .int()
  .min(EPOCH_MIN, 'epoch seconds after 2020')
  .max(EPOCH_MAX, 'epoch seconds before 2100')
  .meta({ description: 'Order time, epoch seconds (UTC)' });

/** An order id that fits a receipt number after its platform prefix (a number has at most 16 digits). */
const orderIdText = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'order id: 1–32 letters, digits, _ or -');
const orderId = z.union([orderIdText, z.number().int().nonnegative()]);
const sku = z.string().min(1).max(64);
const itemName = z.string().max(80);
const category = z.string().min(1).max(40).default('general');
const units = z.number().int().min(1).max(100_000);
/** The buyer's phone as the platform sends it (often masked or a relay number): used only when it is a mobile. */
const buyerPhone = z
  .string()
  .max(32)
  .optional()
  .meta({ description: 'The buyer’s mobile number when the platform shares it; finds the member (a number no member has, or a masked one, makes a non-member sale)' });
const storeCode = storeIdSchema.meta({ description: 'Our store id (S001), as configured on the platform; an unknown one is refused (400 STORE_UNKNOWN)' });

/** Yuan as a number with at most two decimals (fen are whole). */
const yuanNumber = z
  .number()
  .min(0)
  .max(MAX_UNIT_PRICE_FEN / 100)
  .refine((y) => Math.abs(y * 100 - Math.round(y * 100)) < 1e-6, 'yuan with at most two decimals');
/** Yuan as a string: "59.90". */
const yuanString = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'yuan as a decimal string, at most two decimals');

/** An order's items as a whole: it pays something (a free order earns nothing and is not a sale) and stays within a sale's bounds. */
function orderTotals<T>(gross: (item: T) => number, paid: (item: T) => number) {
  return (items: T[], ctx: z.RefinementCtx) => {
    if (items.reduce((n, i) => n + paid(i), 0) === 0) ctx.addIssue({ code: 'custom', path: [], message: 'the order pays nothing' });
    if (items.reduce((n, i) => n + gross(i), 0) > MAX_SALE_FEN) ctx.addIssue({ code: 'custom', path: [], message: `more than ${MAX_SALE_FEN} fen in one order` });
  };
}

/** "2026-11-30 21:05:09", a real Beijing wall-clock time. */
const beijingDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'YYYY-MM-DD hh:mm:ss (Beijing time)')
  .refine((t) => {
    const [y, mo, d, h, mi, s] = t.split(/[- :]/).map(Number);
    const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    return y >= 2020 && y < 2100 && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  }, 'not a real date and time')
  .meta({ description: 'Beijing wall-clock time without a zone: "2026-11-30 23:59:59"' });

export const meituanOrderSchema = z.object({
  order_id: orderId,
  poi_code: storeCode,
  ctime: epochSeconds,
  recipient_phone: buyerPhone,
  detail: z
    .array(
      z
        .object({
          app_food_code: sku,
          food_name: itemName,
          category,
          quantity: units,
          price: yuanNumber.meta({ description: 'Unit price, yuan' }),
          actual_price: yuanNumber.optional().meta({ description: 'Unit price paid after discounts, yuan; at most `price`' }),
        })
        .refine((d) => d.actual_price === undefined || d.actual_price <= d.price, { path: ['actual_price'], message: 'paid more than the price' })
        .refine((d) => yuanToFen(d.price) * d.quantity <= MAX_SALE_FEN, { path: ['quantity'], message: 'price × quantity too high' }),
    )
    .min(1)
    .max(200)
    .superRefine(orderTotals((d) => yuanToFen(d.price) * d.quantity, (d) => yuanToFen(d.actual_price ?? d.price) * d.quantity)),
}).meta({ id: 'MeituanOrder', title: 'Meituan order', description: 'Meituan (美团) delivery order: money in yuan as numbers, time in epoch seconds. Receipt number `meituan-<order_id>`.' });
export const douyinOrderSchema = z.object({
  order_id: orderIdText,
  shop_id: storeCode,
  create_time: epochSeconds,
  user_phone: buyerPhone,
  sku_orders: z
    .array(
      z
        .object({
          sku_id: sku,
          product_name: itemName,
          category,
          item_num: units,
          origin_amount: z.number().int().min(0).max(MAX_SALE_FEN).meta({ description: 'Line amount before discounts, fen' }),
          pay_amount: z.number().int().min(0).max(MAX_SALE_FEN).meta({ description: 'Line amount paid, fen; at most `origin_amount`' }),
        })
        .refine((d) => d.pay_amount <= d.origin_amount, { path: ['pay_amount'], message: 'paid more than the original amount' })
        .refine((d) => Math.ceil(d.origin_amount / d.item_num) <= MAX_UNIT_PRICE_FEN, { path: ['origin_amount'], message: 'unit price too high' }),
    )
    .min(1)
    .max(200)
    .superRefine(orderTotals((d) => d.origin_amount, (d) => d.pay_amount)),
}).meta({ id: 'DouyinOrder', title: 'Douyin order', description: 'Douyin (抖音) order: money in fen per line, time in epoch seconds. Receipt number `douyin-<order_id>`.' });
export const tmallOrderSchema = z.object({
  tid: orderId,
  store_code: storeCode,
  created: beijingDateTime,
  buyer_mobile: buyerPhone,
  orders: z
    .array(
      z
        .object({
          outer_sku_id: sku,
          title: itemName,
          cid: category,
          num: units,
          price: yuanString.meta({ description: 'Unit price, yuan as a decimal string ("59.90")' }),
          payment: yuanString.meta({ description: 'Line amount paid, yuan as a decimal string; at most price × num' }),
        })
        .refine((o) => yuanToFen(o.price) <= MAX_UNIT_PRICE_FEN, { path: ['price'], message: 'unit price too high' })
        .refine((o) => yuanToFen(o.price) * o.num <= MAX_SALE_FEN, { path: ['num'], message: 'price × quantity too high' })
        .refine((o) => yuanToFen(o.payment) <= yuanToFen(o.price) * o.num, { path: ['payment'], message: 'paid more than price × quantity' }),
    )
    .min(1)
    .max(200)
    .superRefine(orderTotals((o) => yuanToFen(o.price) * o.num, (o) => yuanToFen(o.payment))),
}).meta({ id: 'TmallOrder', title: 'Tmall order', description: 'Tmall (天猫) order: money in yuan as decimal strings, time as Beijing wall clock. Receipt number `tmall-<tid>`.' });
export const channelOrderSchemas = { meituan: meituanOrderSchema, douyin: douyinOrderSchema, tmall: tmallOrderSchema } as const;

function yuanToFen(yuan: number | string): number {
  if (typeof yuan === 'number') return Math.round(yuan * 100);
  const [whole, frac = ''] = yuan.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** One platform item: `units` pieces listed at `grossFen` in all, of which the buyer paid `paidFen`. */
export type PlatformItem = { sku: string; name: string; category: string; units: number; grossFen: number; paidFen: number };

/**
 * Platform items as sale lines, exact to the fen. A gross that does not divide by the units (Douyin: 10.00 yuan
 * for 3) can't be one line at a whole-fen unit price: rounding the unit price made the discount −1 fen. It
 * becomes two lines, the remainder's units one fen dearer, so the lines' gross is the item's gross; the
 * discount is split between them by largest remainder, so each stays within its line and they add up exactly.
 */
export function platformLines(items: PlatformItem[]): SaleLine[] {
  const lines: SaleLine[] = [];
  const push = (item: PlatformItem, unitsOf: number, unitPriceFen: number, lineDiscountFen: number) =>
    lines.push({ lineNo: lines.length + 1, sku: item.sku, name: item.name, category: item.category, qtyMilli: unitsOf * 1000, unitPriceFen, lineDiscountFen });
  for (const item of items) {
    const unit = Math.floor(item.grossFen / item.units);
    const dearer = item.grossFen - unit * item.units; // units one fen dearer, 0 ≤ dearer < units
    const discount = item.grossFen - item.paidFen;
    if (dearer === 0) {
      push(item, item.units, unit, discount);
      continue;
    }
    const cheaper = item.units - dearer;
    const [onCheaper, onDearer] = allocateProportionally(discount, [cheaper * unit, dearer * (unit + 1)]);
    push(item, cheaper, unit, onCheaper);
    push(item, dearer, unit + 1, onDearer);
  }
  return lines;
}

/** What a platform order says, in the sale model's terms, with the body field that named the store. */
export type MappedOrder = {
  platform: ChannelPlatform;
  receiptNo: string;
  storeId: string;
  storeField: string;
  soldAt: string;
  lines: SaleLine[];
  /** A mainland mobile the platform shared, or null (none, masked, a relay number). */
  phone: string | null;
};

const mobileOrNull = (phone: string | undefined) => {
  if (!phone) return null;
  const n = normalizePhone(phone);
  return CN_MOBILE.test(n) ? n : null;
};
const epochToIso = (s: number) => new Date(s * 1000).toISOString();
const beijingToIso = (t: string) => new Date(`${t.replace(' ', 'T')}+08:00`).toISOString();

/** Validates a platform's order (throws a ZodError with the body's field paths) and maps it. */
export function mapChannelOrder(platform: ChannelPlatform, body: unknown): MappedOrder {
  switch (platform) {
    case 'meituan': {
      const o = meituanOrderSchema.parse(body);
      const items = o.detail.map((d) => ({ sku: d.app_food_code, name: d.food_name, category: d.category, units: d.quantity, grossFen: yuanToFen(d.price) * d.quantity, paidFen: yuanToFen(d.actual_price ?? d.price) * d.quantity }));
      return { platform, receiptNo: `meituan-${String(o.order_id)}`, storeId: o.poi_code, storeField: 'poi_code', soldAt: epochToIso(o.ctime), lines: platformLines(items), phone: mobileOrNull(o.recipient_phone) };
    }
    case 'douyin': {
      const o = douyinOrderSchema.parse(body);
      const items = o.sku_orders.map((d) => ({ sku: d.sku_id, name: d.product_name, category: d.category, units: d.item_num, grossFen: d.origin_amount, paidFen: d.pay_amount }));
      return { platform, receiptNo: `douyin-${o.order_id}`, storeId: o.shop_id, storeField: 'shop_id', soldAt: epochToIso(o.create_time), lines: platformLines(items), phone: mobileOrNull(o.user_phone) };
    }
    case 'tmall': {
      const o = tmallOrderSchema.parse(body);
      const items = o.orders.map((d) => ({ sku: d.outer_sku_id, name: d.title, category: d.cid, units: d.num, grossFen: yuanToFen(d.price) * d.num, paidFen: yuanToFen(d.payment) }));
      return { platform, receiptNo: `tmall-${String(o.tid)}`, storeId: o.store_code, storeField: 'store_code', soldAt: beijingToIso(o.created), lines: platformLines(items), phone: mobileOrNull(o.buyer_mobile) };
    }
  }
}
