/**
 * Coupons as the shopper's pages show them (issue 10 §4): the benefit in big type, its threshold, the validity, the
 * "N天后过期" badge, the claim button's state, the claim's once-only key and its retry. Pure: the text comes from
 * the i18n dictionaries through the `t` the caller passes, so these are tested here with both languages.
 */
import type { CouponBenefit, CouponValidity, Stacking } from '@shared/features/coupons/schemas';
import type { MessageKey } from '../i18n/messages';
import { formatYuan } from './format';
import { discountLabel } from './points';

type Lang = 'zh' | 'en';
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Yuan from fen without a ".00" on whole amounts: 3000 → "30", 2050 → "20.50", 1234500 → "12,345". */
export function couponYuan(fen: number): string {
  return formatYuan(fen).replace(/\.00$/, '');
}

/** The benefit as the coupon's big figure: `currency` puts a small ¥ before `value` (¥30); otherwise `value` is a word (8折, 第二件半价). */
export function benefitFigure(b: CouponBenefit, lang: Lang, t: Translate): { currency: boolean; value: string } {
  switch (b.kind) {
    case 'cash-off':
    case 'no-threshold':
      return { currency: true, value: couponYuan(b.offFen) };
    case 'percent-off':
      // offBasisPoints is the share taken off; the label speaks of the share paid (2000 off → 8折 / 20% off).
      return { currency: false, value: discountLabel(10000 - b.offBasisPoints, lang) ?? '' };
    case 'second-half-price':
      return { currency: false, value: t('coupons.benefit.secondHalf') };
    case 'gift':
      return { currency: false, value: t('coupons.benefit.gift') };
  }
}

/** The benefit in words, for a screen reader and the detail page: "满200减30", "8折，最高减¥50". */
export function benefitSentence(b: CouponBenefit, lang: Lang, t: Translate): string {
  switch (b.kind) {
    case 'cash-off':
      return t('coupons.sentence.cashOff', { threshold: couponYuan(b.thresholdFen), off: couponYuan(b.offFen) });
    case 'no-threshold':
      return t('coupons.sentence.noThreshold', { off: couponYuan(b.offFen) });
    case 'percent-off':
      return t('coupons.sentence.percentOff', { discount: benefitFigure(b, lang, t).value, cap: couponYuan(b.capFen) });
    case 'second-half-price':
      return t('coupons.sentence.secondHalf');
    case 'gift':
      return t('coupons.sentence.gift', { sku: b.giftSku });
  }
}

/** The condition under the figure: "满200可用", "无门槛"; `minOrderFen` (the whole order) when the benefit has no threshold of its own. */
export function thresholdText(b: CouponBenefit, minOrderFen: number, t: Translate): string {
  const threshold = b.kind === 'cash-off' || b.kind === 'percent-off' ? b.thresholdFen : 0;
  if (threshold > 0) return t('coupons.threshold', { yuan: couponYuan(threshold) });
  if (minOrderFen > 0) return t('coupons.minOrder', { yuan: couponYuan(minOrderFen) });
  if (b.kind === 'second-half-price') return t('coupons.cond.secondHalf');
  if (b.kind === 'gift') return t('coupons.cond.gift');
  return t('coupons.noThreshold');
}

/** "2026-12-01" → "2026.12.01"; `withYear: false` → "12.01". */
function dotted(day: string, withYear = true): string {
  const m = DAY.exec(day);
  if (!m) return day;
  return withYear ? `${m[1]}.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`;
}

/** Two days as a range: "2026.12.01–12.31" in one year, "2026.12.25–2027.01.05" across years, one day alone. */
export function dayRange(from: string, to: string): string {
  if (from === to) return dotted(from);
  return `${dotted(from)}–${dotted(to, from.slice(0, 4) !== to.slice(0, 4))}`;
}

/** A template's validity before it is claimed: "领取后7天内有效" or its fixed days. */
export function validityText(v: CouponValidity, t: Translate): string {
  return v.type === 'after-receipt' ? t('coupons.validity.afterReceipt', { n: v.days }) : dayRange(v.from, v.to);
}

/** Whole days from `today` to `day` (business days, "YYYY-MM-DD"); NaN for nonsense. */
export function daysBetween(today: string, day: string): number {
  const a = DAY.exec(today);
  const b = DAY.exec(day);
  if (!a || !b) return Number.NaN;
  return Math.round((Date.UTC(+b[1], +b[2] - 1, +b[3]) - Date.UTC(+a[1], +a[2] - 1, +a[3])) / DAY_MS);
}

/** Within this many days a usable coupon wears an expiry badge. */
export const EXPIRY_BADGE_DAYS = 7;

/**
 * The badge on a coupon in "可用": "今天过期" on its last day, "N天后过期" within a week, "M月D日起可用" before its
 * first day; none otherwise.
 */
export function couponBadge(c: { state: string; validFrom: string; validThrough: string }, today: string, lang: Lang, t: Translate): { kind: 'expiring' | 'soon' | 'later'; text: string } | null {
  if (c.state === 'not-yet-valid') return { kind: 'later', text: t('coupons.badge.from', { date: shortDay(c.validFrom, lang) }) };
  if (c.state !== 'usable') return null;
  const left = daysBetween(today, c.validThrough);
  if (!Number.isFinite(left) || left < 0 || left > EXPIRY_BADGE_DAYS) return null;
  return left === 0 ? { kind: 'expiring', text: t('coupons.badge.today') } : { kind: left <= 3 ? 'expiring' : 'soon', text: t('coupons.badge.days', { n: left }) };
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function shortDay(day: string, lang: Lang): string {
  const m = DAY.exec(day);
  if (!m) return day;
  return lang === 'en' ? `${Number(m[3])} ${EN_MONTHS[Number(m[2]) - 1]}` : `${Number(m[2])}月${Number(m[3])}日`;
}

/** A claimed coupon's days, to its last second: "2026.12.01–12.31" and "有效期至 2026.12.31 23:59:59". */
export function usableUntilText(validThrough: string, t: Translate): string {
  return t('coupons.until', { date: dotted(validThrough), time: '23:59:59' });
}

export type ClaimState = 'claim' | 'sold-out' | 'limit';

/** The centre's button: sold out wins (nobody can have one), then this member's limit. */
export function claimState(item: { soldOut: boolean; received: number; perMember: number }): ClaimState {
  if (item.soldOut) return 'sold-out';
  if (item.received >= item.perMember) return 'limit';
  return 'claim';
}

/** The width of the "what is left" bar, 0–100. */
export function remainingWidth(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : 0;
}

/** A refusal the centre explains in the shopper's language (anything else: the API's own message). */
export function claimRefusalKey(code: string | undefined): MessageKey | null {
  switch (code) {
    case 'COUPON_OUT_OF_STOCK':
    case 'COUPON_BUDGET_EXHAUSTED':
      return 'coupons.error.outOfStock';
    case 'COUPON_MEMBER_LIMIT':
      return 'coupons.error.limit';
    case 'COUPON_NOT_CLAIMABLE':
      return 'coupons.error.notClaimable';
    default:
      return null;
  }
}

/** What the refusal makes of the card at once, before the centre is read again. */
export function afterRefusal<T extends { soldOut: boolean; received: number; perMember: number; remainingPercent: number }>(item: T, code: string | undefined): T {
  if (code === 'COUPON_OUT_OF_STOCK' || code === 'COUPON_BUDGET_EXHAUSTED') return { ...item, soldOut: true, remainingPercent: 0 };
  if (code === 'COUPON_MEMBER_LIMIT') return { ...item, received: Math.max(item.received, item.perMember) };
  return item;
}

/**
 * A claim's once-only key (the API's idempotencyKey: 8–64 letters, digits, _ or -): one per tap, kept for that
 * tap's retries, so a claim whose answer was lost is answered again instead of granting a second coupon.
 */
export function newClaimKey(nowMs = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  while (tail.length < 12) tail += Math.floor(random() * 36).toString(36);
  return `c${nowMs.toString(36)}${tail}`.slice(0, 64);
}

/**
 * The keys of claims in flight, per template: a tap takes the key of a claim whose answer the network lost (so it
 * retries that claim), or a fresh one; an answer, granted or refused, ends it.
 */
export class ClaimKeys {
  private readonly unanswered = new Map<string, string>();
  constructor(private readonly fresh: () => string = () => newClaimKey()) {}
  /** The key for a tap on this template. */
  take(templateId: string): string {
    const key = this.unanswered.get(templateId) ?? this.fresh();
    this.unanswered.set(templateId, key);
    return key;
  }
  /** After the claim: `answered` false when no answer came (the key is kept for the next tap). */
  settle(templateId: string, answered: boolean): void {
    if (answered) this.unanswered.delete(templateId);
  }
}

/**
 * Sends a claim, and again with the same key while the network loses it (no answer at all): up to `attempts` tries,
 * `delayMs` apart. An answer from the API, refusal or not, is final.
 */
export async function claimWithRetry<R>(send: (key: string) => Promise<R>, key: string, isNetworkError: (err: unknown) => boolean, opts: { attempts?: number; delayMs?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<R> {
  const attempts = opts.attempts ?? 3;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let i = 1; ; i++) {
    try {
      return await send(key);
    } catch (err) {
      if (i >= attempts || !isNetworkError(err)) throw err;
      await sleep((opts.delayMs ?? 800) * i);
    }
  }
}

const GROUP_KEYS: Record<string, MessageKey> = {
  'cash-off': 'coupons.kind.cash-off',
  'percent-off': 'coupons.kind.percent-off',
  'no-threshold': 'coupons.kind.no-threshold',
  'second-half-price': 'coupons.kind.second-half-price',
  gift: 'coupons.kind.gift',
};
const BENEFIT_KEYS: Record<string, MessageKey> = {
  'stored-value-discount': 'coupons.other.stored-value-discount',
  'tier-discount': 'coupons.other.tier-discount',
  points: 'coupons.other.points',
};

/** The stacking note: one of its group per order, and what it never goes with. */
export function stackingText(s: Stacking, t: Translate): string[] {
  const name = (code: string) => (GROUP_KEYS[code] ? t(GROUP_KEYS[code]) : BENEFIT_KEYS[code] ? t(BENEFIT_KEYS[code]) : code);
  return [t('coupons.stack.one', { group: name(s.group) }), ...(s.excludes.length ? [t('coupons.stack.not', { list: s.excludes.map(name).join(t('coupons.listSep')) })] : [])];
}

/** Tabs of "my coupons", and the API's view for each. */
export const couponTabs = ['usable', 'used', 'expired'] as const;
export type CouponTab = (typeof couponTabs)[number];
export const isCouponTab = (v: unknown): v is CouponTab => typeof v === 'string' && (couponTabs as readonly string[]).includes(v);
