import { z } from 'zod';
import type { channelPlatforms } from './sales';

/**
 * What each platform pushes to `POST /channels/{platform}/orders`, in its own field names and units, as the
 * OpenAPI document describes it (the order mapping in functions/services/channels.ts turns each into one sale).
 * These describe the wire format only; no transforms. Bounds keep a hostile push from reaching the mapping with
 * numbers it cannot compute with (an epoch of 1e15, a discount above the price).
 */
const EPOCH_2000 = 946_684_800;
const EPOCH_2100 = 4_102_444_800;
const epochSeconds = (what: string) =>
  z.number().int().min(EPOCH_2000).max(EPOCH_2100).meta({ description: `${what}, epoch seconds (UTC)` });
const orderId = z.union([z.string().regex(/^[A-Za-z0-9_-]{1,30}$/), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);
const storeCode = z.string().regex(/^[A-Z0-9-]{2,20}$/).meta({ description: 'Our store id (S001), as configured on the platform' });
const buyerPhone = z.string().min(1).max(20).meta({ description: 'The buyer’s mobile number when the platform shares it; finds the member (a non-member’s number is a non-member sale)' });
const sku = z.string().min(1).max(64);
const productName = z.string().max(80);
const category = z.string().min(1).max(40).default('general');
const quantity = z.number().int().min(1).max(100_000);
/** Yuan with at most two decimals, as a number (Meituan) or a string (Tmall). */
const yuanNumber = z.number().min(0).max(1_000_000); // fen are rounded from it
const yuanString = z.string().regex(/^\d{1,7}(\.\d{1,2})?$/);

/** Beijing wall-clock time, "YYYY-MM-DD HH:mm:ss", a real date and time. */
const beijingWallClock = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/)
  .refine((s) => {
    const d = new Date(`${s.replace(' ', 'T')}+08:00`);
    return !Number.isNaN(d.getTime()) && new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') === s;
  }, 'not a real date and time')
  .meta({ description: 'Beijing wall-clock time without a zone: "2026-11-30 23:59:59"' });

export const meituanOrderSchema = z
  .object({
    order_id: orderId,
    poi_code: storeCode,
    ctime: epochSeconds('Order time'),
    recipient_phone: buyerPhone.optional(),
    detail: z
      .array(
        z
          .object({
            app_food_code: sku,
            food_name: productName,
            category,
            quantity,
            price: yuanNumber.meta({ description: 'Unit price, yuan' }),
            actual_price: yuanNumber.optional().meta({ description: 'Unit price paid after discounts, yuan; at most `price`' }),
          })
          .refine((d) => d.actual_price === undefined || d.actual_price <= d.price, { message: 'actual_price exceeds price', path: ['actual_price'] }),
      )
      .min(1)
      .max(200),
  })
  .meta({ id: 'MeituanOrder', title: 'Meituan order', description: 'Meituan (美团) delivery order: money in yuan as numbers, time in epoch seconds. Receipt number `meituan-<order_id>`.' });

export const douyinOrderSchema = z
  .object({
    order_id: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/),
    shop_id: storeCode,
    create_time: epochSeconds('Order time'),
    user_phone: buyerPhone.optional(),
    sku_orders: z
      .array(
        z
          .object({
            sku_id: sku,
            product_name: productName,
            category,
            item_num: quantity,
            origin_amount: z.number().int().min(0).max(100_000_000).meta({ description: 'Line amount before discounts, fen' }),
            pay_amount: z.number().int().min(0).max(100_000_000).meta({ description: 'Line amount paid, fen; at most `origin_amount`' }),
          })
          .refine((d) => d.pay_amount <= d.origin_amount, { message: 'pay_amount exceeds origin_amount', path: ['pay_amount'] }),
      )
      .min(1)
      .max(200),
  })
  .meta({ id: 'DouyinOrder', title: 'Douyin order', description: 'Douyin (抖音) order: money in fen per line, time in epoch seconds. Receipt number `douyin-<order_id>`.' });

export const tmallOrderSchema = z
  .object({
    tid: orderId,
    store_code: storeCode,
    created: beijingWallClock,
    buyer_mobile: buyerPhone.optional(),
    orders: z
      .array(
        z
          .object({
            outer_sku_id: sku,
            title: productName,
            cid: category,
            num: quantity,
            price: yuanString.meta({ description: 'Unit price, yuan as a decimal string ("59.90")' }),
            payment: yuanString.meta({ description: 'Line amount paid, yuan as a decimal string; at most price × num' }),
          })
          .refine((d) => Math.round(Number(d.payment) * 100) <= Math.round(Number(d.price) * 100) * d.num, { message: 'payment exceeds price × num', path: ['payment'] }),
      )
      .min(1)
      .max(200),
  })
  .meta({ id: 'TmallOrder', title: 'Tmall order', description: 'Tmall (天猫) order: money in yuan as decimal strings, time as Beijing wall clock. Receipt number `tmall-<tid>`.' });

export const channelOrderSchemas: Record<(typeof channelPlatforms)[number], z.ZodType> = {
  meituan: meituanOrderSchema,
  douyin: douyinOrderSchema,
  tmall: tmallOrderSchema,
};
