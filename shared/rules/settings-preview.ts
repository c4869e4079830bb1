/**
 * What a settings change does to a shopper, before it is saved: a sample basket quoted and earned under the
 * settings as they are and as they would be, with the same pure rules the register and the sale use
 * (quoteBasket, earnPointsForSale), and the list of what changed. Pure: no I/O, no clock (the sale's time is
 * passed in), no zod (the staff console bundles this).
 */
import type { ChainSettings, Tier, TierCode } from '../settings';
import { quoteBasket, type BasketQuote } from './checkout';
import { allocateProportionally, earnPointsForSale } from './earning';
import { assertWhole } from './integers';

export type SampleLine = {
  /** The product category (an excluded one earns nothing). */
  category: string;
  /** List price of one unit, integer fen. */
  unitPriceFen: number;
  /** Whole units. */
  quantity: number;
};

export type SampleBasket = {
  lines: SampleLine[];
  /** The tier to quote for. */
  tier: TierCode;
  /** The sale's own time (decides holidays and the birthday month), an ISO instant with a zone. */
  soldAtIso: string;
  /** 1–12, or null when the member gave no birthday. */
  birthdayMonth: number | null;
  /** Points the member holds (0: no points deduction). */
  availablePoints: number;
};

export type BasketPreview = {
  /** The tier quoted for; `tierMissing` when the settings have no such tier and the first tier stands in (as the services do). */
  tier: Pick<Tier, 'code' | 'name' | 'discountBasisPoints' | 'pointsPerYuan'>;
  tierMissing: boolean;
  listTotalFen: number;
  tierDiscountFen: number;
  afterTierFen: number;
  deduction: BasketQuote['deductible'];
  payableFen: number;
  /** Points the sale earns: base (tier rate, birthday double), bonus (holiday extra and flat bonus), total. */
  points: { base: number; bonus: number; total: number; appliedRules: string[] };
};

/** The tier with this code, else the first listed (what `tierByCode` in shared/settings.ts answers). */
function tierFor(settings: ChainSettings, code: TierCode): { tier: Tier; missing: boolean } {
  const found = settings.tiers.find((t) => t.code === code);
  return found ? { tier: found, missing: false } : { tier: settings.tiers[0], missing: true };
}

/**
 * The sample basket under one set of settings: list total, the tier discount (the member pays the floor),
 * the points deduction the register would offer, what is left to pay, and the points the sale earns. The
 * discounted total is spread over the lines by their list amounts (largest remainder), as a register's line
 * discounts would be, and the points payment earns nothing (rule 3.1).
 */
export function previewBasket(settings: ChainSettings, basket: SampleBasket): BasketPreview {
  basket.lines.forEach((l, i) => {
    assertWhole(`lines[${i}].unitPriceFen`, l.unitPriceFen);
    assertWhole(`lines[${i}].quantity`, l.quantity);
  });
  assertWhole('availablePoints', basket.availablePoints);
  const grossFen = basket.lines.map((l) => l.unitPriceFen * l.quantity);
  grossFen.forEach((g, i) => assertWhole(`lines[${i}] amount`, g));
  const listTotalFen = grossFen.reduce((a, b) => a + b, 0);
  assertWhole('list total', listTotalFen);

  const { tier, missing } = tierFor(settings, basket.tier);
  const quote = quoteBasket({ listTotalFen, tier, settings, availablePoints: basket.availablePoints });
  const netFen = allocateProportionally(quote.afterTierFen, grossFen);
  const earning = earnPointsForSale(
    basket.lines.map((l, i) => ({ lineNo: i + 1, category: l.category, netFen: netFen[i] })),
    { tier, settings, soldAtIso: basket.soldAtIso, birthdayMonth: basket.birthdayMonth, pointsPaidFen: quote.deductible.fen, bonusEarnedToday: 0 },
  );
  return {
    tier: { code: tier.code, name: tier.name, discountBasisPoints: tier.discountBasisPoints, pointsPerYuan: tier.pointsPerYuan },
    tierMissing: missing,
    listTotalFen: quote.listTotalFen,
    tierDiscountFen: quote.tierDiscountFen,
    afterTierFen: quote.afterTierFen,
    deduction: quote.deductible,
    payableFen: quote.payableFen,
    points: { base: earning.basePoints, bonus: earning.bonusPoints, total: earning.totalPoints, appliedRules: earning.appliedRules },
  };
}

/** The sample basket before and after a settings change. */
export function previewSettingsChange(before: ChainSettings, after: ChainSettings, basket: SampleBasket): { before: BasketPreview; after: BasketPreview } {
  return { before: previewBasket(before, basket), after: previewBasket(after, basket) };
}

export type SettingsChange = {
  /** Where: object keys, array indexes, and tier codes for tiers (['tiers', 'silver', 'thresholdFen']). */
  path: Array<string | number>;
  /** undefined when the entry was added (before) or removed (after). */
  before: unknown;
  after: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTierList = (v: unknown): v is Array<{ code: string }> => Array.isArray(v) && v.every((x) => isObject(x) && typeof x.code === 'string');
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed between two settings documents, leaf by leaf. Tiers are matched by code (reordering them changes
 * nothing a shopper sees); other lists of objects (holidays) by position; lists of plain values (the sign-in
 * cycle, excluded categories) and added or removed entries are one change each.
 */
export function settingsDiff(before: ChainSettings, after: ChainSettings): SettingsChange[] {
  const out: SettingsChange[] = [];
  const walk = (a: unknown, b: unknown, path: Array<string | number>) => {
    if (sameValue(a, b)) return;
    if (isObject(a) && isObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
      for (const k of keys) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (path.length === 1 && path[0] === 'tiers' && isTierList(a) && isTierList(b)) {
      const codes = [...a.map((t) => t.code), ...b.map((t) => t.code).filter((c) => !a.some((t) => t.code === c))];
      for (const code of codes) walk(a.find((t) => t.code === code), b.find((t) => t.code === code), [...path, code]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].some(isObject)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i]);
      return;
    }
    out.push({ path, before: a, after: b });
  };
  walk(before, after, []);
  return out;
}
