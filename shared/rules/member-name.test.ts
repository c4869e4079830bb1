import fc from 'fast-check';
import { normaliseName } from './member-name';

describe('normaliseName', () => {
  it.each([
    ['Li Ming', 'li ming'],
    ['  li   ming ', 'li ming'],
    ['Ｌｉ　Ｍｉｎｇ', 'li ming'],
    ['王小明', '王小明'],
    [' 王\t小明 ', '王 小明'],
    ['ＡＢＣ１２３', 'abc123'],
  ])('%j → %j', (input, out) => expect(normaliseName(input)).toBe(out));

  it('keeps different names apart', () => {
    expect(normaliseName('王小明')).not.toBe(normaliseName('王晓明'));
    expect(normaliseName('li ming')).not.toBe(normaliseName('liming'));
  });

  it('is idempotent and ignores case and outer space', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 3 }).map((s) => s.replace(/\S/g, ' ')), (name, pad) => {
        const n = normaliseName(name);
        expect(normaliseName(n)).toBe(n);
        expect(normaliseName(`${pad}${name.toUpperCase()}${pad}`)).toBe(normaliseName(name.toUpperCase()));
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s{2}/);
      }),
    );
  });
});
