import { createHmac } from 'node:crypto';
import { encodeCouponCode, verifyCouponCode } from './coupon-code';

const prf = (key: string) => (m: string) => createHmac('sha256', key).update(m).digest().readUIntBE(0, 6);

describe('coupon QR code', () => {
  const p = prf('k1');
  it('verifies within a step either side, is expired after, and refuses a forged or foreign code', () => {
    const code = encodeCouponCode('100000001', '20261202abcDEF', 1000, p);
    expect(verifyCouponCode(code, 1000, p)).toEqual({ kind: 'valid', memberId: '100000001', grantId: '20261202abcDEF', step: 1000 });
    expect(verifyCouponCode(code, 1001, p).kind).toBe('valid');
    expect(verifyCouponCode(code, 999, p).kind).toBe('valid');
    expect(verifyCouponCode(code, 1002, p).kind).toBe('expired');
    expect(verifyCouponCode(code, 2000, p).kind).toBe('invalid');
    expect(verifyCouponCode(code, 1000, prf('other')).kind).toBe('invalid');
    expect(verifyCouponCode(code.replace('100000001', '100000002'), 1000, p).kind).toBe('invalid');
    expect(verifyCouponCode(code.replace('abcDEF', 'abcDEG'), 1000, p).kind).toBe('invalid');
    for (const junk of ['', 'CP1', 'CP1.....', '68123456789012345', `${code}.x`, code.toUpperCase()]) expect(verifyCouponCode(junk, 1000, p).kind).toBe('invalid');
  });
});
