import { z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import { saleRequest, type SaleRequest } from '../../shared/sales';
import type { AppConfig } from '../commons/config';
import { HttpError } from '../commons/errors';
import { recordSale } from './sales';

/**
 * Orders pushed by delivery and e-commerce platforms, each in its own field names and units, mapped to the one
 * sale model (receipt number = `<platform>-<order id>`, so a re-push is idempotent like a register's retry).
 * The member is found by the buyer's phone when the platform shares it.
 */
const yuanToFen = (yuan: number | string) => Math.round(Number(yuan) * 100);
const epochSecondsToIso = (s: number) => new Date(s * 1000).toISOString();
/** Tmall sends Beijing wall-clock time without a zone. */
const beijingToIso = (t: string) => new Date(`${t.replace(' ', 'T')}+08:00`).toISOString();

const meituanOrder = z.object({
  order_id: z.union([z.string(), z.number()]).transform(String),
  poi_code: z.string(),
  ctime: z.number().int(),
  recipient_phone: z.string().optional(),
  detail: z.array(z.object({ app_food_code: z.string(), food_name: z.string(), category: z.string().default('general'), quantity: z.number().int().positive(), price: z.number().nonnegative(), actual_price: z.number().nonnegative().optional() })).min(1),
});
const douyinOrder = z.object({
  order_id: z.string(),
  shop_id: z.string(),
  create_time: z.number().int(),
  user_phone: z.string().optional(),
  sku_orders: z.array(z.object({ sku_id: z.string(), product_name: z.string(), category: z.string().default('general'), item_num: z.number().int().positive(), origin_amount: z.number().int().nonnegative(), pay_amount: z.number().int().nonnegative() })).min(1),
});
const tmallOrder = z.object({
  tid: z.union([z.string(), z.number()]).transform(String),
  store_code: z.string(),
  created: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  buyer_mobile: z.string().optional(),
  orders: z.array(z.object({ outer_sku_id: z.string(), title: z.string(), cid: z.string().default('general'), num: z.number().int().positive(), price: z.string(), payment: z.string() })).min(1),
});

type Line = SaleRequest['lines'][number];
function toSale(receiptNo: string, storeId: string, soldAt: string, lines: Line[], phone?: string): unknown {
  const net = lines.reduce((n, l) => n + Math.round((l.qtyMilli * l.unitPriceFen) / 1000) - l.lineDiscountFen, 0);
  return { receiptNo, storeId, soldAt, lines, payments: [{ method: 'platform', amountFen: net }], ...(phone ? { member: { phone } } : {}) };
}

export const channelMappers = {
  meituan: (body: unknown) => {
    const o = meituanOrder.parse(body);
    const lines = o.detail.map((d, i) => {
      const unit = yuanToFen(d.price);
      const paid = yuanToFen(d.actual_price ?? d.price) * d.quantity;
      return { lineNo: i + 1, sku: d.app_food_code, name: d.food_name, category: d.category, qtyMilli: d.quantity * 1000, unitPriceFen: unit, lineDiscountFen: unit * d.quantity - paid };
    });
    return toSale(`meituan-${o.order_id}`, o.poi_code, epochSecondsToIso(o.ctime), lines, o.recipient_phone);
  },
  douyin: (body: unknown) => {
    const o = douyinOrder.parse(body);
    const lines = o.sku_orders.map((d, i) => ({ lineNo: i + 1, sku: d.sku_id, name: d.product_name, category: d.category, qtyMilli: d.item_num * 1000, unitPriceFen: Math.round(d.origin_amount / d.item_num), lineDiscountFen: Math.round(d.origin_amount / d.item_num) * d.item_num - d.pay_amount }));
    return toSale(`douyin-${o.order_id}`, o.shop_id, epochSecondsToIso(o.create_time), lines, o.user_phone);
  },
  tmall: (body: unknown) => {
    const o = tmallOrder.parse(body);
    const lines = o.orders.map((d, i) => ({ lineNo: i + 1, sku: d.outer_sku_id, name: d.title, category: d.cid, qtyMilli: d.num * 1000, unitPriceFen: yuanToFen(d.price), lineDiscountFen: yuanToFen(d.price) * d.num - yuanToFen(d.payment) }));
    return toSale(`tmall-${o.tid}`, o.store_code, beijingToIso(o.created), lines, o.buyer_mobile);
  },
} as const;

export async function recordChannelOrder(config: AppConfig, platform: keyof typeof channelMappers, body: unknown) {
  let sale: SaleRequest;
  try {
    sale = saleRequest.parse(channelMappers[platform](body));
  } catch (err) {
    if (err instanceof z.ZodError) {
      throw new HttpError(400, ErrorCode.VALIDATION, `Not a valid ${platform} order`, err.issues.map((i) => ({ path: ['body', ...i.path.map(String)], message: i.message, code: i.code })));
    }
    throw err;
  }
  return recordSale(config, { storeId: sale.storeId, registerId: null, channel: platform }, sale);
}
