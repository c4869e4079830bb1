import fc from 'fast-check';
import { defaultChainSettings, tierByCode, type TierCode } from '../settings';
import { quoteBasket, validatePointsPayment } from './checkout';

const settings = defaultChainSettings;
const quote = (tierCode: TierCode, listTotalFen: number, availablePoints: number) =>
  quoteBasket({ listTotalFen, tier: tierByCode(settings, tierCode), settings, availablePoints });

describe('quoteBasket: DOMAIN.md examples', () => {
  it.each([
    // tier, list, points held, discount, after tier, deductible points, fen, reason, payable
    ['silver', 20_000, 20_000, 1000, 19_000, 9500, 9500, 'ok', 9500],
    ['gold', 4900, 20_000, 490, 4410, 0, 0, 'below-minimum', 4410],
    ['base', 12_050, 3050, 0, 12_050, 3000, 3000, 'ok', 9050],
  ] as const)(
    '%s, %i fen basket, %i points → discount %i, after %i, deduct %i points = %i fen (%s), pay %i',
    (tier, list, held, discount, after, points, fen, reason, payable) => {
      expect(quote(tier, list, held)).toEqual({
        listTotalFen: list,
        tierDiscountFen: discount,
        afterTierFen: after,
        deductible: { points, fen, reason },
        payableFen: payable,
      });
    },
  );
});

describe('quoteBasket: edges', () => {
  it.each([
    ['the discount floors: silver 0.99 yuan pays 0.94', 'silver', 99, 0, 5, 94],
    ['exactly the minimum after discount', 'base', 5000, 10_000, 0, 5000],
    ['one fen under the minimum', 'base', 4999, 10_000, 0, 4999],
  ] as const)('%s', (_name, tier, list, held, discount, after) => {
    const q = quote(tier, list, held);
    expect(q.tierDiscountFen).toBe(discount);
    expect(q.afterTierFen).toBe(after);
  });

  it.each([
    [5000, 10_000, 2500, 'ok'],
    [4999, 10_000, 0, 'below-minimum'],
    [10_000, 99, 0, 'no-points'],
    [10_000, 0, 0, 'no-points'],
    [10_101, 100_000, 5000, 'ok'], // the cap 50.50 yuan rounds down to whole yuan
  ] as const)('base %i fen with %i points → %i fen off (%s)', (list, held, fen, reason) => {
    expect(quote('base', list, held).deductible).toMatchObject({ fen, reason });
  });

  it('property: whole yuan at 100 points each, within the cap and the balance; the quote passes validation', () => {
    const tierCode = fc.constantFrom<TierCode>('base', 'silver', 'gold', 'diamond');
    fc.assert(
      fc.property(tierCode, fc.nat(10_000_000), fc.nat(1_000_000), (tier, list, held) => {
        const q = quote(tier, list, held);
        expect(q.tierDiscountFen + q.afterTierFen).toBe(list);
        expect(q.payableFen + q.deductible.fen).toBe(q.afterTierFen);
        expect(q.deductible.fen % 100).toBe(0);
        expect(q.deductible.points).toBe(q.deductible.fen);
        expect(q.deductible.points).toBeLessThanOrEqual(held);
        expect(q.deductible.fen * 2).toBeLessThanOrEqual(q.afterTierFen);
        expect(validatePointsPayment({ pointsUsed: q.deductible.points, fenCovered: q.deductible.fen, afterTierFen: q.afterTierFen, settings })).toBeNull();
        // Whole yuan is the only slack: one more yuan would break the cap or the balance.
        if (q.deductible.reason === 'ok') {
          const more = q.deductible.fen + 100;
          expect(more * 2 > q.afterTierFen || q.deductible.points + 100 > held).toBe(true);
        }
      }),
    );
  });
});

describe('validatePointsPayment', () => {
  it.each([
    ['no points used', 0, 0, 3000, null],
    ['9,500 points for 95 yuan on 190', 9500, 9500, 19_000, null],
    ['exactly half', 2500, 2500, 5000, null],
    ['not whole 100s', 150, 150, 19_000, 'not-whole-yuan'],
    ['wrong rate', 1000, 2000, 19_000, 'wrong-rate'],
    ['fen covered without points', 0, 100, 19_000, 'wrong-rate'],
    ['below the minimum order', 1000, 1000, 4410, 'below-minimum-order'],
    ['above half the order', 9600, 9600, 19_000, 'above-max-share'],
    ['negative points', -100, -100, 19_000, 'invalid-amount'],
    ['fractional fen', 100, 100.5, 19_000, 'invalid-amount'],
  ])('%s → %p', (_name, pointsUsed, fenCovered, afterTierFen, expected) => {
    expect(validatePointsPayment({ pointsUsed, fenCovered, afterTierFen, settings })).toBe(expected);
  });
});
