import * as z from 'zod';
import { businessDaySchema, isoInstant, isoInstantInput, memberIdSchema, phoneSchema, registerIdSchema, storeIdSchema } from '../../schemas';
import { quoteCouponsSchema, quoteCouponsView, returnCouponsResult, saleCouponsResult, saleCouponsSchema } from '../coupons/redemption-schemas';

/**
 * The sale model: what a register (POS) or a delivery/e-commerce platform reports. Money in integer fen;
 * quantities in integer milli-units (fresh food by weight: 1.250 kg = 1250).
 */
export const paymentMethods = ['cash', 'wechat', 'alipay', 'card', 'stored_value', 'points', 'platform'] as const;
export const paymentMethodSchema = z.enum(paymentMethods);

/**
 * Bounds that keep every amount an exact integer through the rules' arithmetic (quantity × price, sums over
 * lines, points at the highest rates): a line or a sale up to 1亿元, which no store reaches.
 */
export const MAX_QTY_MILLI = 100_000_000;
export const MAX_UNIT_PRICE_FEN = 100_000_000;
export const MAX_SALE_FEN = 10_000_000_000;

export const saleLineSchema = z.object({
  lineNo: z.number().int().min(1).max(999),
  sku: z.string().min(1).max(64),
  name: z.string().max(80).optional(),
  category: z.string().min(1).max(40),
  qtyMilli: z.number().int().min(1).max(MAX_QTY_MILLI),
  unitPriceFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN),
  /** Every discount on the line (promotions and the tier discount), in fen. */
  lineDiscountFen: z.number().int().min(0).max(MAX_SALE_FEN).default(0),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

/** Line numbers are unique within a sale, a quote or a return (a repeated line was counted twice). */
function uniqueLineNos(lines: Array<{ lineNo: number }>, ctx: z.RefinementCtx) {
  const seen = new Set<number>();
  lines.forEach((l, i) => {
    if (seen.has(l.lineNo)) ctx.addIssue({ code: 'custom', path: [i, 'lineNo'], message: 'line numbers must be unique' });
    seen.add(l.lineNo);
  });
}

/**
 * A basket's lines, the same for a sale and a quote, with the invariants the earning and checkout rules assert:
 * unique line numbers, each line's amount within bounds, no discount above its line, a total within bounds.
 */
export const saleLinesSchema = z
  .array(saleLineSchema)
  .min(1)
  .max(200)
  .superRefine((lines, ctx) => {
    uniqueLineNos(lines, ctx);
    let ok = true;
    lines.forEach((l, i) => {
      if (l.qtyMilli * l.unitPriceFen > MAX_SALE_FEN * 1000) {
        ok = false;
        ctx.addIssue({ code: 'custom', path: [i, 'unitPriceFen'], message: `quantity × price exceeds ${MAX_SALE_FEN} fen` });
      } else if (l.lineDiscountFen > lineGrossFen(l)) {
        ok = false;
        ctx.addIssue({ code: 'custom', path: [i, 'lineDiscountFen'], message: 'discount exceeds the line amount' });
      }
    });
    if (ok && saleNetFen(lines) > MAX_SALE_FEN) ctx.addIssue({ code: 'custom', path: [], message: `the lines add up to more than ${MAX_SALE_FEN} fen` });
  });

export const paymentSchema = z.object({
  method: paymentMethodSchema,
  amountFen: z.number().int().min(1).max(MAX_SALE_FEN),
  /** For points payments: the points used (100 points = 1 yuan by default). */
  points: z.number().int().min(1).max(MAX_SALE_FEN * 100).optional(),
  /** For WeChat Pay: the payer's openid, which enrolls them (支付即会员) when they authorised membership. */
  payerOpenid: z.string().min(1).max(64).optional(),
  payerAuthorisedMembership: z.boolean().optional(),
});

export const saleMemberRefSchema = z.union([
  z.object({ code: z.string().min(1).max(40) }),
  z.object({ phone: phoneSchema }),
  z.object({ memberId: memberIdSchema }),
]);

export const saleRequest = z
  .object({
    receiptNo: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'receipt number: 1–40 letters, digits, _ or -'),
    storeId: storeIdSchema,
    registerId: registerIdSchema.optional(),
    soldAt: isoInstantInput,
    lines: saleLinesSchema,
    payments: z.array(paymentSchema).min(1).max(10),
    member: saleMemberRefSchema.optional(),
    /**
     * Coupons redeemed on the sale (issue 10 §3). The lines stay as rung up (after line and tier discounts); the
     * payments then add up to the lines less the coupons' discount, which the server works out itself and checks.
     */
    coupons: saleCouponsSchema.optional(),
  })
  .superRefine((sale, ctx) => {
    const net = saleNetFen(sale.lines);
    const paid = sale.payments.reduce((n, p) => n + p.amountFen, 0);
    if (sale.coupons ? paid > net : paid !== net) ctx.addIssue({ code: 'custom', path: ['payments'], message: `payments add up to ${paid} fen but the lines to ${net} fen` });
    if (sale.coupons && !sale.member && !sale.coupons.codes?.length && !sale.coupons.holdId) {
      ctx.addIssue({ code: 'custom', path: ['coupons'], message: 'coupons need the member: their code, the coupons’ own codes or a hold' });
    }
    sale.payments.forEach((p, i) => {
      if (p.method === 'points' && p.points === undefined) ctx.addIssue({ code: 'custom', path: ['payments', i, 'points'], message: 'a points payment says how many points' });
    });
    if (sale.payments.some((p) => p.method === 'points') && !sale.member) {
      ctx.addIssue({ code: 'custom', path: ['member'], message: 'a points payment needs the member' });
    }
  });
export type SaleRequest = z.infer<typeof saleRequest>;

/** Quantity × unit price, rounded half up to the fen. */
export function lineGrossFen(l: Pick<SaleLine, 'qtyMilli' | 'unitPriceFen'>): number {
  return Math.round((l.qtyMilli * l.unitPriceFen) / 1000);
}
export const lineNetFen = (l: Pick<SaleLine, 'qtyMilli' | 'unitPriceFen' | 'lineDiscountFen'>) => lineGrossFen(l) - l.lineDiscountFen;
export const saleNetFen = (lines: Array<Pick<SaleLine, 'qtyMilli' | 'unitPriceFen' | 'lineDiscountFen'>>) =>
  lines.reduce((n, l) => n + lineNetFen(l), 0);

export const saleResultSchema = z.object({
  saleId: z.string(),
  receiptNo: z.string(),
  memberId: memberIdSchema.nullable(),
  netFen: z.number().int(),
  points: z.object({
    earned: z.number().int(),
    pending: z.boolean(),
    availableOn: z.string().nullable(),
    spent: z.number().int(),
    balance: z.number().int().nullable(),
  }),
  tier: z.object({ code: z.string(), upgradedFrom: z.string().nullable(), approvalQueued: z.string().nullable() }).nullable(),
  enrolled: z.boolean(),
  late: z.boolean(),
  /** The coupons the sale redeemed (absent: none). */
  coupons: saleCouponsResult.optional(),
});
export type SaleResult = z.infer<typeof saleResultSchema>;

export const returnRequest = z.object({
  returnNo: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  storeId: storeIdSchema,
  registerId: registerIdSchema.optional(),
  /** The original sale: its store and receipt number. */
  original: z.object({ storeId: storeIdSchema, receiptNo: z.string().min(1).max(40) }),
  returnedAt: isoInstantInput,
  /** Lines returned; omitted = the whole sale. */
  lines: z
    .array(z.object({ lineNo: z.number().int().min(1).max(999), qtyMilli: z.number().int().min(1).max(MAX_QTY_MILLI) }))
    .min(1)
    .max(200)
    .superRefine(uniqueLineNos)
    .optional(),
});
export const returnResultSchema = z.object({
  returnId: z.string(),
  memberId: memberIdSchema.nullable(),
  refundFen: z.number().int(),
  points: z.object({ reversed: z.number().int(), fromPending: z.number().int(), fromBalance: z.number().int(), toDebt: z.number().int(), paidBack: z.number().int(), balance: z.number().int().nullable(), debt: z.number().int().nullable() }),
  /** A sale that redeemed coupons: the discount taken back from `refundFen` (tell the member), the coupons given back. */
  coupons: returnCouponsResult.optional(),
});

export const quoteRequest = z.object({
  storeId: storeIdSchema,
  member: saleMemberRefSchema,
  /** The lines before the tier discount (the quote applies it). */
  lines: saleLinesSchema,
  /** Coupons named by their QR codes, or chosen explicitly (else the best combination is suggested). */
  coupons: quoteCouponsSchema.optional(),
});
export const quoteResponse = z.object({
  memberId: memberIdSchema,
  tier: z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }), discountBasisPoints: z.number().int(), pointsPerYuan: z.number().int(), birthdayDoublePoints: z.boolean() }),
  listTotalFen: z.number().int(),
  tierDiscountFen: z.number().int(),
  afterTierFen: z.number().int(),
  /** `available` is null and `reason` 'code-required' unless the member presented their code (spending needs presence). */
  points: z.object({ available: z.number().int().nullable(), deductiblePoints: z.number().int(), deductibleFen: z.number().int(), reason: z.string() }),
  payableFen: z.number().int(),
  rules: z.array(z.string()),
  /** The order of benefits: tier discount, then coupons (thresholds on the eligible lines after it), then points. */
  coupons: quoteCouponsView,
  couponDiscountFen: z.number().int(),
  afterCouponsFen: z.number().int(),
  /** Per line: after the tier discount (what the sale's line sends), the coupons' share, and what is left. */
  lines: z.array(z.object({ lineNo: z.number().int(), afterTierFen: z.number().int(), couponDiscountFen: z.number().int(), netFen: z.number().int() })),
});

/** Orders pushed by delivery and e-commerce platforms, mapped to the sale model. */
export const channelPlatforms = ['meituan', 'douyin', 'tmall'] as const;
export const channelPlatformSchema = z.enum(channelPlatforms);

// ---- the per-register day report ------------------------------------------------------------------------
export const registerDayQuery = z.object({ day: businessDaySchema, storeId: storeIdSchema.optional() });
/** A register's business day, aggregated from the domain events (SaleRecorded, SaleReturned, MemberJoined). */
export const registerDayRowSchema = z.object({
  storeId: z.string(),
  registerId: z.string(),
  salesPosted: z.number().int(),
  salesNetFen: z.number().int(),
  /** Sales posted with a member identified by their code. */
  membersIdentified: z.number().int(),
  joins: z.number().int(),
  pointsIssued: z.number().int(),
  pointsRedeemed: z.number().int(),
  returns: z.number().int(),
});
export const registerDayResponse = z.object({ day: z.string(), rows: z.array(registerDayRowSchema) });

// ---- the member's purchases (issue 9 §2) ---------------------------------------------------------
export const purchasesQuery = z.object({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** One sale or return of the member's, newest first. Amounts in fen; a return's amount is what it refunded. */
export const purchaseSchema = z.object({
  kind: z.enum(['sale', 'return']),
  storeId: z.string(),
  storeName: z.string(),
  /** The sale's receipt number, or the return's number. */
  ref: z.string(),
  /** For a return: the receipt it returned. */
  receiptNo: z.string(),
  at: z.string(),
  amountFen: z.number().int(),
  /** Points the sale earned (a return: the points it took back, as a positive number). */
  pointsEarned: z.number().int(),
  /** Points the sale was paid with (a return: the points it gave back). */
  pointsPaid: z.number().int(),
  /** A sale's points: waiting out the return window (pending, with the day they become available) or available. */
  points: z.enum(['pending', 'available', 'none']),
  availableOn: z.string().nullable(),
});
export const purchasesResponse = z.object({ items: z.array(purchaseSchema), cursor: z.string().nullable() });
export const receiptParams = z.object({ storeId: storeIdSchema, receiptNo: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'receipt number: letters, digits, _ . or -') });
export const receiptViewSchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  receiptNo: z.string(),
  soldAt: z.string(),
  netFen: z.number().int(),
  returnedFen: z.number().int(),
  pointsEarned: z.number().int(),
  pointsPaid: z.number().int(),
  pointsPaidFen: z.number().int(),
  points: z.enum(['pending', 'available', 'none']),
  availableOn: z.string().nullable(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      sku: z.string().nullable(),
      name: z.string().nullable(),
      qtyMilli: z.number().int(),
      netFen: z.number().int(),
      points: z.number().int(),
      returnedMilli: z.number().int(),
    }),
  ),
});
