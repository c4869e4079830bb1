import fc from 'fast-check';
import { CN_MOBILE, maskPhone, normalizePhone } from './phone';

describe('phone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['15000000000', '150****0000'],
  ])('masks %s as %s (DOMAIN.md: 138****5678)', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['+86 138 1234 5678', '13812345678'],
    ['86-13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
  ])('normalizes %s', (input, out) => {
    expect(normalizePhone(input)).toBe(out);
    expect(CN_MOBILE.test(normalizePhone(input))).toBe(true);
  });

  it('a masked phone never shows the middle four digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskPhone(phone);
        expect(masked).toHaveLength(11);
        expect(masked.slice(3, 7)).toBe('****');
        expect(masked.slice(0, 3) + masked.slice(7)).toBe(phone.slice(0, 3) + phone.slice(7));
      }),
    );
  });
});
