import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { encodeMemberCode, isWellFormedMemberCode, luhnCheckDigit, MEMBER_CODE_LENGTH, verifyMemberCode, type KeyedPrf } from './member-code';

const prfWith = (key: string): KeyedPrf => (m) => createHmac('sha256', key).update(m).digest().readUIntBE(0, 6);
const prf = prfWith('test-key');
const memberNo = fc.integer({ min: 100_000_001, max: 999_999_999 });
const step = fc.integer({ min: 29_000_000, max: 40_000_000 });

describe('member code', () => {
  it('Luhn: the classic example 7992739871 has check digit 3', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it('is 18 digits, starts with 68, and verifies to its member within the window', () => {
    fc.assert(
      fc.property(memberNo, step, fc.integer({ min: -1, max: 1 }), (no, s, skew) => {
        const code = encodeMemberCode(no, s, prf);
        expect(code).toHaveLength(MEMBER_CODE_LENGTH);
        expect(code.startsWith('68')).toBe(true);
        expect(isWellFormedMemberCode(code)).toBe(true);
        expect(verifyMemberCode(code, s - skew, prf)).toEqual({ kind: 'valid', memberNo: no, step: s });
      }),
    );
  });

  it('an older code is recognised as expired, not valid', () => {
    fc.assert(
      fc.property(memberNo, step, fc.integer({ min: 2, max: 120 }), (no, s, age) => {
        expect(verifyMemberCode(encodeMemberCode(no, s, prf), s + age, prf)).toEqual({ kind: 'expired', memberNo: no, step: s });
      }),
    );
  });

  it('any single mistyped digit is caught before any key is used', () => {
    fc.assert(
      fc.property(memberNo, step, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (no, s, pos, delta) => {
        const code = encodeMemberCode(no, s, prf);
        const typo = code.slice(0, pos) + ((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
        expect(verifyMemberCode(typo, s, prf).kind).toBe('mistyped');
      }),
    );
  });

  it('a code made with another key does not verify', () => {
    fc.assert(
      fc.property(memberNo, step, (no, s) => {
        const forged = encodeMemberCode(no, s, prfWith('attacker-key'));
        expect(['unknown', 'expired']).toContain(verifyMemberCode(forged, s, prf).kind);
        expect(verifyMemberCode(forged, s, prf).kind).not.toBe('valid');
      }),
    );
  });

  it('consecutive codes of one member look unrelated (the member number is masked)', () => {
    const a = encodeMemberCode(123456789, 1000, prf);
    const b = encodeMemberCode(123456789, 1001, prf);
    expect(a.slice(2, 11)).not.toBe(b.slice(2, 11));
  });

  it('spaces typed by a cashier are ignored', () => {
    const code = encodeMemberCode(100000007, 5000, prf);
    const spaced = code.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(verifyMemberCode(spaced, 5000, prf)).toMatchObject({ kind: 'valid', memberNo: 100000007 });
  });
});
