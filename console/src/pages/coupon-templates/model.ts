import type { RouteInput, RouteResponse } from '../../../../shared/routes';
import type { CouponBenefit, CouponKind, CouponValidity } from '../../../../shared/features/coupons/schemas';
import { parseScaled, parseWhole, parseYuanToFen, type Parsed } from '../../forms/exact-number';
import type { Lang } from '../../shell/i18n';

/**
 * The coupon template as the form holds it (every number as the text typed, money in yuan, the discount as 折 or as
 * a percentage off) and as it is sent (fen, basis points). Pure: the conversions go through the exact parsers,
 * so 8.5折 is 1500 basis points off and ¥0.1 + ¥0.2 never happens.
 */
export type CouponTemplateView = RouteResponse<'couponTemplate'>;
export type CreateTemplateBody = RouteInput<'createCouponTemplate'>['body'];
export type TemplateStatus = CouponTemplateView['status'];

export const KINDS: readonly CouponKind[] = ['cash-off', 'percent-off', 'no-threshold', 'second-half-price', 'gift'];
/** Stacking groups a marketer picks from (any other lowercase name may be typed). */
export const PRESET_GROUPS = ['cash-off', 'percent-off', 'no-threshold', 'second-half-price', 'gift', 'compensation'] as const;
export const CUSTOM_GROUP = '__custom__';
export const GROUP_PATTERN = /^[a-z0-9-]{1,40}$/;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** How the discount of a 折扣 coupon is typed: as 折 (8.5 = pay 85%) or as the share off (15 = 15% off). */
export type DiscountMode = 'zhe' | 'percentOff';

export interface TemplateFormValues {
  templateId: string;
  nameZh: string;
  nameEn: string;
  descZh?: string;
  descEn?: string;
  kind: CouponKind;
  thresholdYuan?: string;
  offYuan?: string;
  discountMode?: DiscountMode;
  discount?: string;
  capYuan?: string;
  halfSkus?: string[];
  giftSku?: string;
  validityType: 'fixed' | 'after-receipt';
  validRange?: { from: string; to: string } | null;
  validDays?: string;
  stock: string;
  perMember: string;
  budgetYuan?: string;
  minOrderYuan?: string;
  storeIds?: string[];
  regions?: string[];
  categories?: string[];
  scopeSkus?: string[];
  excludeCategories?: string[];
  excludeSkus?: string[];
  stackingGroup: string;
  customGroup?: string;
  excludes?: string[];
  claimChannel: 'centre' | 'issued';
  status: 'draft' | 'active';
  shards?: string;
}

export const initialFormValues: TemplateFormValues = {
  templateId: '',
  nameZh: '',
  nameEn: '',
  kind: 'cash-off',
  discountMode: 'zhe',
  validityType: 'after-receipt',
  validDays: '30',
  stock: '',
  perMember: '1',
  budgetYuan: '',
  minOrderYuan: '0',
  stackingGroup: 'cash-off',
  claimChannel: 'centre',
  status: 'active',
  shards: '',
};

// ---- the exact conversions ----------------------------------------------------------------------------------

/**
 * The basis points a 折扣 coupon takes off, from what was typed: 8折 → 2000, 8.5折 → 1500, 8.75折 → 1250 (折 in
 * thousandths of the price, at most three decimals); 20 (% off) → 2000, 12.5 → 1250 (at most two decimals).
 * 10折 or 0% off takes nothing, 0折 or 100% off everything: both refused (the API takes 1–9999).
 */
export function offBasisPointsOf(text: string, mode: DiscountMode): Parsed {
  if (mode === 'zhe') {
    const pay = parseScaled(text, 3);
    if (!pay.ok) return pay;
    if (pay.value <= 0) return { ok: false, problem: 'tooSmall' };
    if (pay.value >= 10_000) return { ok: false, problem: 'tooLarge' };
    return { ok: true, value: 10_000 - pay.value };
  }
  const off = parseScaled(text, 2);
  if (!off.ok) return off;
  if (off.value <= 0) return { ok: false, problem: 'tooSmall' };
  if (off.value >= 10_000) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: off.value };
}

/** Basis points off → the 折 a shopper reads: 2000 → "8", 1500 → "8.5", 1250 → "8.75". */
export function zheOf(offBasisPoints: number): string {
  return trimDecimal(10_000 - offBasisPoints, 3);
}
/** Basis points off → percent: 1250 → "12.5". */
export function percentOf(offBasisPoints: number): string {
  return trimDecimal(offBasisPoints, 2);
}
/** Fen → yuan without trailing zeros or separators: 20000 → "200", 1250 → "12.5", 5 → "0.05". */
export function yuanOf(fen: number): string {
  return (fen < 0 ? '-' : '') + trimDecimal(Math.abs(fen), 2);
}
function trimDecimal(n: number, places: number): string {
  const scale = 10 ** places;
  const whole = Math.trunc(n / scale);
  const frac = String(n % scale).padStart(places, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

const yuan = (text: string | undefined): number => must(parseYuanToFen(text ?? ''), text);
const whole = (text: string | undefined): number => must(parseWhole(text ?? ''), text);
function must(p: Parsed, text: string | undefined): number {
  if (!p.ok) throw new Error(`not exact: ${text ?? ''} (${p.problem})`);
  return p.value;
}
const list = (xs: string[] | undefined) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];
const blank = (s: string | undefined) => (s ?? '').trim() === '';

export function benefitOf(v: TemplateFormValues): CouponBenefit {
  switch (v.kind) {
    case 'cash-off':
      return { kind: 'cash-off', thresholdFen: yuan(v.thresholdYuan), offFen: yuan(v.offYuan) };
    case 'percent-off':
      return {
        kind: 'percent-off',
        offBasisPoints: must(offBasisPointsOf(v.discount ?? '', v.discountMode ?? 'zhe'), v.discount),
        capFen: yuan(v.capYuan),
        thresholdFen: blank(v.thresholdYuan) ? 0 : yuan(v.thresholdYuan),
      };
    case 'no-threshold':
      return { kind: 'no-threshold', offFen: yuan(v.offYuan) };
    case 'second-half-price':
      return { kind: 'second-half-price', skus: list(v.halfSkus) };
    case 'gift':
      return { kind: 'gift', giftSku: (v.giftSku ?? '').trim() };
  }
}

export function validityOfForm(v: TemplateFormValues): CouponValidity {
  if (v.validityType === 'fixed') {
    if (!v.validRange) throw new Error('no valid days');
    return { type: 'fixed', from: v.validRange.from, to: v.validRange.to };
  }
  return { type: 'after-receipt', days: whole(v.validDays) };
}

export const groupOf = (v: Pick<TemplateFormValues, 'stackingGroup' | 'customGroup'>) => (v.stackingGroup === CUSTOM_GROUP ? (v.customGroup ?? '').trim() : v.stackingGroup);

/** The create request the form describes. Call it on values the form's rules accepted: it throws on inexact text. */
export function requestOf(v: TemplateFormValues): CreateTemplateBody {
  const descZh = (v.descZh ?? '').trim();
  const descEn = (v.descEn ?? '').trim();
  return {
    templateId: v.templateId.trim(),
    name: { zh: v.nameZh.trim(), en: v.nameEn.trim() || v.nameZh.trim() },
    description: descZh || descEn ? { zh: descZh || descEn, en: descEn || descZh } : null,
    benefit: benefitOf(v),
    validity: validityOfForm(v),
    scope: {
      storeIds: list(v.storeIds),
      regions: list(v.regions),
      categories: list(v.categories),
      skus: list(v.scopeSkus),
      excludeCategories: list(v.excludeCategories),
      excludeSkus: list(v.excludeSkus),
    },
    limits: {
      stock: whole(v.stock),
      perMember: whole(v.perMember),
      budgetFen: blank(v.budgetYuan) ? null : yuan(v.budgetYuan),
      minOrderFen: blank(v.minOrderYuan) ? 0 : yuan(v.minOrderYuan),
    },
    stacking: { group: groupOf(v), excludes: list(v.excludes) },
    claimChannel: v.claimChannel,
    status: v.status,
    ...(blank(v.shards) ? {} : { shards: whole(v.shards) }),
  };
}

// ---- the server's refusals, on the field that caused them ------------------------------------------------------

const BENEFIT_FIELD: Record<string, keyof TemplateFormValues> = {
  kind: 'kind',
  thresholdFen: 'thresholdYuan',
  offFen: 'offYuan',
  offBasisPoints: 'discount',
  capFen: 'capYuan',
  skus: 'halfSkus',
  giftSku: 'giftSku',
};
const LIMITS_FIELD: Record<string, keyof TemplateFormValues> = { stock: 'stock', perMember: 'perMember', budgetFen: 'budgetYuan', minOrderFen: 'minOrderYuan' };
const SCOPE_FIELD: Record<string, keyof TemplateFormValues> = {
  storeIds: 'storeIds',
  regions: 'regions',
  categories: 'categories',
  skus: 'scopeSkus',
  excludeCategories: 'excludeCategories',
  excludeSkus: 'excludeSkus',
};

/** The form field an API error path names (["body","limits","budgetFen"] → ["budgetYuan"]); null when none. */
export function templateFieldOf(path: string[], v?: Pick<TemplateFormValues, 'stackingGroup'>): Array<string | number> | null {
  if (path[0] !== 'body') return null;
  const [head, a] = path.slice(1);
  switch (head) {
    case 'templateId':
    case 'claimChannel':
    case 'status':
    case 'shards':
      return [head];
    case 'name':
      return [a === 'en' ? 'nameEn' : 'nameZh'];
    case 'description':
      return [a === 'en' ? 'descEn' : 'descZh'];
    case 'benefit':
      return a && BENEFIT_FIELD[a] ? [BENEFIT_FIELD[a]] : ['kind'];
    case 'validity':
      return a === 'days' ? ['validDays'] : a === 'from' || a === 'to' ? ['validRange'] : ['validityType'];
    case 'limits':
      return a && LIMITS_FIELD[a] ? [LIMITS_FIELD[a]] : null;
    case 'scope':
      return a && SCOPE_FIELD[a] ? [SCOPE_FIELD[a]] : null;
    case 'stacking':
      if (a === 'excludes') return ['excludes'];
      return [v?.stackingGroup === CUSTOM_GROUP ? 'customGroup' : 'stackingGroup'];
    default:
      return null;
  }
}

// ---- reading a template back --------------------------------------------------------------------------------

/** 满200减30 / ¥30 off ¥200; 8折 最高减¥20; 无门槛¥10; 第二件半价; 兑换 SKU-1. */
export function benefitSummary(b: CouponBenefit, lang: Lang): string {
  const en = lang === 'en';
  switch (b.kind) {
    case 'cash-off':
      return en ? `¥${yuanOf(b.offFen)} off ¥${yuanOf(b.thresholdFen)}` : `满${yuanOf(b.thresholdFen)}减${yuanOf(b.offFen)}`;
    case 'percent-off': {
      const main = en ? `${percentOf(b.offBasisPoints)}% off, up to ¥${yuanOf(b.capFen)}` : `${zheOf(b.offBasisPoints)}折 最高减¥${yuanOf(b.capFen)}`;
      if (!b.thresholdFen) return main;
      return en ? `${main} (on ¥${yuanOf(b.thresholdFen)}+)` : `满${yuanOf(b.thresholdFen)} ${main}`;
    }
    case 'no-threshold':
      return en ? `¥${yuanOf(b.offFen)} off, no minimum` : `无门槛¥${yuanOf(b.offFen)}`;
    case 'second-half-price':
      return en ? `Second item half price (${b.skus.length} SKU${b.skus.length === 1 ? '' : 's'})` : `第二件半价（${b.skus.length} 个 SKU）`;
    case 'gift':
      return en ? `Gift: ${b.giftSku}` : `兑换 ${b.giftSku}`;
  }
}

/** 2026-12-01 至 2026-12-31 / 领取后 7 天; every coupon lasts to 23:59:59 Shanghai of its last day. */
export function validitySummary(v: CouponValidity, lang: Lang): string {
  if (v.type === 'fixed') return lang === 'en' ? `${v.from} to ${v.to}` : `${v.from} 至 ${v.to}`;
  return lang === 'en' ? `${v.days} day${v.days === 1 ? '' : 's'} from receipt` : `领取后 ${v.days} 天`;
}

/** The status actions a template in this status takes (ending is final). */
export function actionsFor(status: TemplateStatus): Array<'activate' | 'pause' | 'resume' | 'end'> {
  switch (status) {
    case 'draft':
      return ['activate', 'end'];
    case 'active':
      return ['pause', 'end'];
    case 'paused':
      return ['resume', 'end'];
    default:
      return [];
  }
}

/** Budget used: what redemptions settled plus what grants still hold; null without a budget. */
export function budgetUse(stats: CouponTemplateView['stats']): { usedFen: number; percent: number } | null {
  if (stats.budgetFen === null || stats.budgetFen <= 0) return null;
  const usedFen = stats.settledFen + stats.reservedFen;
  return { usedFen, percent: Math.min(100, Math.round((usedFen * 100) / stats.budgetFen)) };
}

/** The form's default stacking group for a kind (one coupon of a kind per sale). */
export const defaultGroupOf = (kind: CouponKind): string => kind;

/** A face value for the compensation dialog's cap check (the same rule as the server's faceValueFen). */
export function faceFenOf(b: CouponBenefit): number {
  return b.kind === 'cash-off' || b.kind === 'no-threshold' ? b.offFen : b.kind === 'percent-off' ? b.capFen : 0;
}
