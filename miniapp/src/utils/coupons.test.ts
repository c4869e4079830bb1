import { en, zh, type MessageKey } from '../i18n/messages';
import {
  afterRefusal,
  ClaimKeys,
  benefitFigure,
  benefitSentence,
  claimRefusalKey,
  claimState,
  claimWithRetry,
  couponBadge,
  couponYuan,
  dayRange,
  daysBetween,
  isCouponTab,
  newClaimKey,
  remainingWidth,
  stackingText,
  thresholdText,
  usableUntilText,
  validityText,
  type Translate,
} from './coupons';

const tOf =
  (dict: Record<MessageKey, string>): Translate =>
  (key, vars) =>
    dict[key].replace(/\{(\w+)\}/g, (m, n: string) => (vars && n in vars ? String(vars[n]) : m));
const tz = tOf(zh);
const te = tOf(en);

describe('benefit figure and condition', () => {
  it('shows cash off as ¥ and a whole number, percent off as 折 / % off, the others as words', () => {
    expect(benefitFigure({ kind: 'cash-off', thresholdFen: 20000, offFen: 3000 }, 'zh', tz)).toEqual({ currency: true, value: '30' });
    expect(benefitFigure({ kind: 'no-threshold', offFen: 550 }, 'zh', tz)).toEqual({ currency: true, value: '5.50' });
    expect(benefitFigure({ kind: 'percent-off', offBasisPoints: 2000, capFen: 5000, thresholdFen: 0 }, 'zh', tz)).toEqual({ currency: false, value: '8折' });
    expect(benefitFigure({ kind: 'percent-off', offBasisPoints: 1500, capFen: 5000, thresholdFen: 0 }, 'zh', tz).value).toBe('8.5折');
    expect(benefitFigure({ kind: 'percent-off', offBasisPoints: 2000, capFen: 5000, thresholdFen: 0 }, 'en', te).value).toBe('20% off');
    expect(benefitFigure({ kind: 'second-half-price', skus: ['MILK'] }, 'zh', tz).value).toBe('第二件半价');
    expect(benefitFigure({ kind: 'gift', giftSku: 'BAG' }, 'zh', tz).value).toBe('兑换');
  });

  it('says the threshold (满200可用), else the order minimum, else 无门槛', () => {
    expect(thresholdText({ kind: 'cash-off', thresholdFen: 20000, offFen: 3000 }, 0, tz)).toBe('满200可用');
    expect(thresholdText({ kind: 'cash-off', thresholdFen: 20000, offFen: 3000 }, 0, te)).toBe('On ¥200+');
    expect(thresholdText({ kind: 'percent-off', offBasisPoints: 2000, capFen: 5000, thresholdFen: 0 }, 0, tz)).toBe('无门槛');
    expect(thresholdText({ kind: 'no-threshold', offFen: 500 }, 9900, tz)).toBe('订单满99可用');
    expect(thresholdText({ kind: 'second-half-price', skus: ['A'] }, 0, tz)).toBe('指定商品可用');
    expect(thresholdText({ kind: 'gift', giftSku: 'A' }, 0, te)).toBe('Redeem in store');
  });

  it('says the benefit in words', () => {
    expect(benefitSentence({ kind: 'cash-off', thresholdFen: 20000, offFen: 3000 }, 'zh', tz)).toBe('满200元减30元');
    expect(benefitSentence({ kind: 'percent-off', offBasisPoints: 2000, capFen: 5000, thresholdFen: 0 }, 'zh', tz)).toBe('8折，最高减50元');
    expect(benefitSentence({ kind: 'percent-off', offBasisPoints: 2000, capFen: 5000, thresholdFen: 0 }, 'en', te)).toBe('20% off, up to ¥50');
  });

  it('shows money from fen without float error or a trailing .00', () => {
    expect(couponYuan(3000)).toBe('30');
    expect(couponYuan(2050)).toBe('20.50');
    expect(couponYuan(1234500)).toBe('12,345');
    expect(couponYuan(1)).toBe('0.01');
  });
});

describe('validity', () => {
  it('says 领取后N天内有效 or the fixed days, dropping the year when both days share it', () => {
    expect(validityText({ type: 'after-receipt', days: 7 }, tz)).toBe('领取后7天内有效');
    expect(validityText({ type: 'after-receipt', days: 7 }, te)).toBe('Valid 7 days from claiming');
    expect(validityText({ type: 'fixed', from: '2026-12-01', to: '2026-12-31' }, tz)).toBe('2026.12.01–12.31');
    expect(dayRange('2026-12-25', '2027-01-05')).toBe('2026.12.25–2027.01.05');
    expect(dayRange('2026-12-25', '2026-12-25')).toBe('2026.12.25');
  });

  it('is good through 23:59:59 of the last day', () => {
    expect(usableUntilText('2026-12-31', tz)).toBe('有效期至 2026.12.31 23:59:59');
    expect(usableUntilText('2026-12-31', te)).toBe('Valid until 2026.12.31 23:59:59');
  });

  it('counts whole days between business days, across months, years and a leap day', () => {
    expect(daysBetween('2026-12-30', '2026-12-30')).toBe(0);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-30', '2026-12-29')).toBe(-1);
    expect(daysBetween('nonsense', '2026-12-29')).toBeNaN();
  });

  it('badges a usable coupon within a week of its end, and a not-yet-valid one with its first day', () => {
    const today = '2026-12-01';
    const c = (validThrough: string, state = 'usable', validFrom = '2026-11-20') => ({ state, validFrom, validThrough });
    expect(couponBadge(c('2026-12-01'), today, 'zh', tz)).toEqual({ kind: 'expiring', text: '今天过期' });
    expect(couponBadge(c('2026-12-03'), today, 'zh', tz)).toEqual({ kind: 'expiring', text: '2天后过期' });
    expect(couponBadge(c('2026-12-08'), today, 'zh', tz)).toEqual({ kind: 'soon', text: '7天后过期' });
    expect(couponBadge(c('2026-12-09'), today, 'zh', tz)).toBeNull();
    expect(couponBadge(c('2026-12-03'), today, 'en', te)?.text).toBe('Ends in 2d');
    expect(couponBadge(c('2026-12-20', 'not-yet-valid', '2026-12-05'), today, 'zh', tz)).toEqual({ kind: 'later', text: '12月5日起可用' });
    expect(couponBadge(c('2026-12-20', 'not-yet-valid', '2026-12-05'), today, 'en', te)?.text).toBe('From 5 Dec');
    expect(couponBadge(c('2026-12-03', 'redeemed'), today, 'zh', tz)).toBeNull();
  });
});

describe('the centre’s claim button', () => {
  it('is sold out before it is at the limit, and claimable otherwise', () => {
    expect(claimState({ soldOut: false, received: 0, perMember: 2 })).toBe('claim');
    expect(claimState({ soldOut: false, received: 1, perMember: 2 })).toBe('claim');
    expect(claimState({ soldOut: false, received: 2, perMember: 2 })).toBe('limit');
    expect(claimState({ soldOut: true, received: 2, perMember: 2 })).toBe('sold-out');
  });

  it('explains the refusals in the shopper’s language and shows their effect at once', () => {
    expect(claimRefusalKey('COUPON_MEMBER_LIMIT')).toBe('coupons.error.limit');
    expect(claimRefusalKey('COUPON_OUT_OF_STOCK')).toBe('coupons.error.outOfStock');
    expect(claimRefusalKey('COUPON_NOT_CLAIMABLE')).toBe('coupons.error.notClaimable');
    expect(claimRefusalKey('NETWORK_ERROR')).toBeNull();
    const item = { soldOut: false, received: 1, perMember: 2, remainingPercent: 40 };
    expect(claimState(afterRefusal(item, 'COUPON_MEMBER_LIMIT'))).toBe('limit');
    expect(afterRefusal(item, 'COUPON_OUT_OF_STOCK')).toMatchObject({ soldOut: true, remainingPercent: 0 });
    expect(afterRefusal(item, 'SOMETHING')).toBe(item);
  });

  it('keeps the remaining bar inside 0–100', () => {
    expect(remainingWidth(34)).toBe(34);
    expect(remainingWidth(-3)).toBe(0);
    expect(remainingWidth(140)).toBe(100);
    expect(remainingWidth(Number.NaN)).toBe(0);
  });

  it('makes keys the API accepts, different for each tap', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newClaimKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newClaimKey(0, () => 0)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('retries a claim the network lost with the same key, and never an answered one', async () => {
    const net = Object.assign(new Error('offline'), { network: true });
    const isNet = (e: unknown) => (e as { network?: boolean }).network === true;
    const sleep = () => Promise.resolve();
    const seen: string[] = [];
    let n = 0;
    const flaky = async (key: string) => {
      seen.push(key);
      if (++n < 3) throw net;
      return 'granted';
    };
    await expect(claimWithRetry(flaky, 'key-0001', isNet, { sleep })).resolves.toBe('granted');
    expect(seen).toEqual(['key-0001', 'key-0001', 'key-0001']);

    const refused = jest.fn(async () => {
      throw new Error('COUPON_MEMBER_LIMIT');
    });
    await expect(claimWithRetry(refused, 'key-0002', isNet, { sleep })).rejects.toThrow('COUPON_MEMBER_LIMIT');
    expect(refused).toHaveBeenCalledTimes(1);

    const down = jest.fn(async () => {
      throw net;
    });
    await expect(claimWithRetry(down, 'key-0003', isNet, { sleep, attempts: 3 })).rejects.toBe(net);
    expect(down).toHaveBeenCalledTimes(3);
  });
});

describe('claim keys', () => {
  it('gives each tap a fresh key, but the key of a claim the network lost to the next tap on that coupon', () => {
    let n = 0;
    const keys = new ClaimKeys(() => `key-${++n}-abcdef`);
    const a1 = keys.take('A');
    keys.settle('A', true);
    const a2 = keys.take('A');
    expect(a2).not.toBe(a1);
    keys.settle('A', false); // no answer came
    expect(keys.take('A')).toBe(a2);
    expect(keys.take('B')).not.toBe(a2);
    keys.settle('A', true); // now answered (granted or refused)
    expect(keys.take('A')).not.toBe(a2);
  });
});

describe('stacking and tabs', () => {
  it('names the group and what the coupon never goes with', () => {
    expect(stackingText({ group: 'cash-off', excludes: [] }, tz)).toEqual(['每单限用一张满减券']);
    expect(stackingText({ group: 'cash-off', excludes: ['stored-value-discount', 'spring-sale'] }, tz)).toEqual(['每单限用一张满减券', '不与储值优惠、spring-sale同享']);
    expect(stackingText({ group: 'percent-off', excludes: ['points'] }, te)).toEqual(['One discount coupon per order', 'Not with points payments']);
  });

  it('knows its three tabs', () => {
    expect(isCouponTab('usable')).toBe(true);
    expect(isCouponTab('expired')).toBe(true);
    expect(isCouponTab('revoked')).toBe(false);
    expect(isCouponTab(undefined)).toBe(false);
  });
});
