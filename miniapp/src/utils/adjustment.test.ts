import { pointsAdjustmentRequest } from '@shared/features/points/schemas';
import { capFromDetails, MAX_ADJUSTMENT_POINTS, newAdjustmentKey, parseAdjustmentPoints, parseMemberNo, parseReason, REASON_MAX } from './adjustment';

const ops = { positiveOnly: false };
const service = { positiveOnly: true, cap: 500 };

describe('parseMemberNo', () => {
  it('takes nine digits, with the spaces and dashes people type', () => {
    expect(parseMemberNo(' 123 456-789 ')).toEqual({ ok: true, memberId: '123456789' });
    expect(parseMemberNo('')).toEqual({ ok: false, error: 'empty' });
    expect(parseMemberNo('12345678')).toEqual({ ok: false, error: 'invalid' });
    expect(parseMemberNo('12345678a')).toEqual({ ok: false, error: 'invalid' });
  });
});

describe('parseAdjustmentPoints', () => {
  it('reads signed integers for ops', () => {
    expect(parseAdjustmentPoints('200', ops)).toEqual({ ok: true, points: 200 });
    expect(parseAdjustmentPoints('+1,200', ops)).toEqual({ ok: true, points: 1200 });
    expect(parseAdjustmentPoints('-50', ops)).toEqual({ ok: true, points: -50 });
    expect(parseAdjustmentPoints('－50', ops)).toEqual({ ok: true, points: -50 });
  });
  it('refuses what is not a non-zero integer', () => {
    expect(parseAdjustmentPoints('  ', ops)).toEqual({ ok: false, error: 'empty' });
    expect(parseAdjustmentPoints('1.5', ops)).toEqual({ ok: false, error: 'notInteger' });
    expect(parseAdjustmentPoints('abc', ops)).toEqual({ ok: false, error: 'notInteger' });
    expect(parseAdjustmentPoints('--5', ops)).toEqual({ ok: false, error: 'notInteger' });
    expect(parseAdjustmentPoints('-0', ops)).toEqual({ ok: false, error: 'zero' });
    expect(parseAdjustmentPoints(String(MAX_ADJUSTMENT_POINTS + 1), ops)).toEqual({ ok: false, error: 'tooLarge' });
    expect(parseAdjustmentPoints(`-${MAX_ADJUSTMENT_POINTS}`, ops)).toEqual({ ok: true, points: -MAX_ADJUSTMENT_POINTS });
  });
  it('lets customer service grant up to the cap, never deduct', () => {
    expect(parseAdjustmentPoints('500', service)).toEqual({ ok: true, points: 500 });
    expect(parseAdjustmentPoints('501', service)).toEqual({ ok: false, error: 'overCap' });
    expect(parseAdjustmentPoints('-10', service)).toEqual({ ok: false, error: 'negativeNotAllowed' });
  });
});

describe('parseReason', () => {
  it('needs a reason of 2 to 200 characters', () => {
    expect(parseReason('  漏积分补偿 ')).toEqual({ ok: true, reason: '漏积分补偿' });
    expect(parseReason('   ')).toEqual({ ok: false, error: 'empty' });
    expect(parseReason('a')).toEqual({ ok: false, error: 'tooShort' });
    expect(parseReason('x'.repeat(REASON_MAX + 1))).toEqual({ ok: false, error: 'tooLong' });
  });
});

describe('newAdjustmentKey', () => {
  it('is adj-<timestamp>-<random>, new each time', () => {
    const seq = [0, 0.5, 0.99, 0.1, 0.2, 0.3, 0.4, 0.6];
    let i = 0;
    expect(newAdjustmentKey(1763880000000, () => seq[i++ % seq.length])).toBe('adj-1763880000000-0iz37ael');
    expect(newAdjustmentKey()).not.toBe(newAdjustmentKey());
  });
  it('passes the API schema together with what the form accepts', () => {
    const points = parseAdjustmentPoints('-200', ops);
    const reason = parseReason('重复积分扣回');
    expect(points.ok && reason.ok).toBe(true);
    if (!points.ok || !reason.ok) return;
    const body = { points: points.points, note: reason.reason, idempotencyKey: newAdjustmentKey() };
    expect(pointsAdjustmentRequest.safeParse(body).success).toBe(true);
    expect(pointsAdjustmentRequest.safeParse({ ...body, points: MAX_ADJUSTMENT_POINTS + 1 }).success).toBe(false);
    expect(pointsAdjustmentRequest.safeParse({ ...body, note: 'x' }).success).toBe(false);
    expect(pointsAdjustmentRequest.safeParse({ ...body, note: 'x'.repeat(REASON_MAX + 1) }).success).toBe(false);
  });
});

describe('capFromDetails', () => {
  it('reads the cap from the server refusal', () => {
    expect(capFromDetails([{ path: ['body', 'points'], message: 'at most 100' }])).toBe(100);
  });
  it('is undefined for anything else', () => {
    expect(capFromDetails(undefined)).toBeUndefined();
    expect(capFromDetails('at most 100')).toBeUndefined();
    expect(capFromDetails([{ path: ['body', 'reason'], message: 'at most 100' }])).toBeUndefined();
    expect(capFromDetails([{ path: ['body', 'points'], message: 'points must not be 0' }])).toBeUndefined();
  });
});
