import fc from 'fast-check';
import { compensationRoom, fitsCompensationCaps, planAdjustment } from './adjustment';
import type { Lot } from './ledger';

const today = '2026-12-02';
const lots: Lot[] = [
  { expiryDay: '2027-11-30', remaining: 100 },
  { expiryDay: '2026-12-31', remaining: 50 },
  { expiryDay: '2026-11-30', remaining: 40 }, // expired: not part of the balance
];

describe('planning an adjustment', () => {
  it('a grant settles debt first, then reaches the balance', () => {
    expect(planAdjustment({ lots, today, debt: 30 }, { points: 100, allowDebt: false })).toMatchObject({
      balanceBefore: 150,
      debtBefore: 30,
      balanceAfter: 220,
      debtAfter: 0,
      shortBy: 0,
      needsDebtConfirmation: false,
      entry: { points: 70, debt: -30 },
      toLot: 70,
    });
  });

  it('a deduction takes the earliest-expiring lots; beyond the balance it needs allowDebt', () => {
    expect(planAdjustment({ lots, today, debt: 0 }, { points: -120, allowDebt: false })).toMatchObject({
      balanceAfter: 30,
      shortBy: 0,
      needsDebtConfirmation: false,
      takes: [
        { expiryDay: '2026-12-31', points: 50 },
        { expiryDay: '2027-11-30', points: 70 },
      ],
    });
    expect(planAdjustment({ lots, today, debt: 5 }, { points: -200, allowDebt: false })).toMatchObject({ balanceAfter: 0, debtAfter: 55, shortBy: 50, needsDebtConfirmation: true, entry: { points: -150, debt: 50 } });
    expect(planAdjustment({ lots, today, debt: 5 }, { points: -200, allowDebt: true })).toMatchObject({ balanceAfter: 0, debtAfter: 55, shortBy: 50, needsDebtConfirmation: false });
  });

  const lot = fc.record({ expiryDay: fc.constantFrom('2026-11-30', '2026-12-02', '2026-12-31', '2027-06-30', '2027-11-30'), remaining: fc.nat(1000) });
  it('never leaves a balance or debt below zero, moves points and debt by exactly the request, and takes only usable lots', () => {
    fc.assert(
      fc.property(fc.array(lot, { maxLength: 5 }), fc.nat(500), fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0), fc.boolean(), (ls, debt, points, allowDebt) => {
        const p = planAdjustment({ lots: ls, today, debt }, { points, allowDebt });
        expect(p.balanceAfter).toBeGreaterThanOrEqual(0);
        expect(p.debtAfter).toBeGreaterThanOrEqual(0);
        // Points in = balance up + debt down; points out = balance down + debt up.
        expect(p.balanceAfter - p.balanceBefore - (p.debtAfter - p.debtBefore)).toBe(points);
        expect(p.takes.reduce((n, t) => n + t.points, 0) - p.toLot).toBe(0 - p.entry.points);
        expect(p.takes.every((t) => t.expiryDay >= today)).toBe(true);
        expect(p.needsDebtConfirmation).toBe(points < 0 && -points > p.balanceBefore && !allowDebt);
        expect(p.shortBy).toBe(points < 0 ? Math.max(0, -points - p.balanceBefore) : 0);
      }),
    );
  });

  it('compensation fits when it is within what both caps leave', () => {
    const room = compensationRoom({ caseCap: 500, dailyCap: 2000, caseGranted: 450, grantedToday: 1990 });
    expect(room).toEqual({ perCaseLeft: 50, todayLeft: 10 });
    expect(fitsCompensationCaps(10, room)).toBe(true);
    expect(fitsCompensationCaps(11, room)).toBe(false);
    expect(compensationRoom({ caseCap: 500, dailyCap: 2000, caseGranted: 600, grantedToday: 0 }).perCaseLeft).toBe(0);
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1200), fc.nat(1200), fc.integer({ min: 1, max: 1500 }), (caseCap, dailyCap, caseGranted, grantedToday, points) => {
        // The same as the transaction's conditions: granted ≤ cap − points on both counters.
        expect(fitsCompensationCaps(points, compensationRoom({ caseCap, dailyCap, caseGranted, grantedToday }))).toBe(caseGranted <= caseCap - points && grantedToday <= dailyCap - points);
      }),
    );
  });
});
