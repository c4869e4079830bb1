/** Builders for the coupon rules' tests (imported by tests only). */
import { couponTemplateSchema, type CouponBenefit, type CouponGrant, type CouponTemplate } from './schemas';
import type { CouponCandidate, CouponLine, SaleContext } from './rules';

export function template(benefit: CouponBenefit, over: Partial<Record<keyof CouponTemplate, unknown>> = {}): CouponTemplate {
  return couponTemplateSchema.parse({
    templateId: 'T1',
    name: { zh: '券', en: 'coupon' },
    benefit,
    validity: { type: 'after-receipt', days: 7 },
    scope: {},
    limits: { stock: 1000, perMember: 5 },
    stacking: { group: benefit.kind },
    claimChannel: 'centre',
    status: 'active',
    ...over,
  });
}

export function grant(t: CouponTemplate, over: Partial<CouponGrant> = {}): CouponGrant {
  return {
    grantId: `G-${t.templateId}`,
    templateId: t.templateId,
    memberId: '100000001',
    receivedAt: '2026-11-30T02:00:00Z',
    validFrom: '2026-11-30',
    validThrough: '2026-12-06',
    status: 'available',
    ...over,
  };
}

export const candidate = (t: CouponTemplate, over: Partial<CouponGrant> = {}, budgetLeftFen: number | null = null): CouponCandidate => ({
  grant: grant(t, over),
  template: t,
  budgetLeftFen,
});

export const line = (lineNo: number, netFen: number, over: Partial<CouponLine> = {}): CouponLine => ({
  lineNo,
  sku: `SKU${lineNo}`,
  category: 'grocery',
  qtyMilli: 1000,
  netFen,
  ...over,
});

/** 2 Dec 2026 noon in Shanghai: inside the default grant's days. */
export const sale = (over: Partial<SaleContext> = {}): SaleContext => ({
  storeId: 'SH-001',
  region: 'east',
  atIso: '2026-12-02T04:00:00Z',
  otherBenefits: [],
  ...over,
});
