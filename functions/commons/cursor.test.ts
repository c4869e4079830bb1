import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { openCursor, sealCursor } from './cursor';
import { HttpError } from './errors';

const key = randomBytes(32);
const lastKey = fc.dictionary(fc.constantFrom('PK', 'SK', 'GSI1PK', 'GSI1SK'), fc.oneof(fc.string(), fc.integer()), { minKeys: 1 });
const scope = fc.string({ minLength: 1, maxLength: 40 });

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
};
const isCursorRefusal = (err: unknown) =>
  err instanceof HttpError && err.status === 400 && err.code === 'VALIDATION_FAILED' && JSON.stringify(err.details).includes('"query","cursor"');

describe('list cursors', () => {
  it('a cursor opens to the key it was sealed with, for the same scope', () => {
    fc.assert(fc.property(scope, lastKey, (s, k) => expect(openCursor(key, s, sealCursor(key, s, k)!)).toEqual(k)));
  });

  it('no cursor or an empty one is the first page; no last key is no next page', () => {
    expect(openCursor(key, 's', undefined)).toBeUndefined();
    expect(openCursor(key, 's', '')).toBeUndefined();
    expect(sealCursor(key, 's', undefined)).toBeNull();
  });

  it('is refused (400 on query.cursor, never another error) for another scope, another key, or any edit', () => {
    fc.assert(
      fc.property(scope, scope, lastKey, fc.nat(), fc.string({ minLength: 1, maxLength: 2 }), (s, other, k, at, insert) => {
        const cursor = sealCursor(key, s, k)!;
        if (other !== s) expect(isCursorRefusal(refusal(() => openCursor(key, other, cursor)))).toBe(true);
        expect(isCursorRefusal(refusal(() => openCursor(randomBytes(32), s, cursor)))).toBe(true);
        const i = at % cursor.length;
        const edited = cursor.slice(0, i) + insert + cursor.slice(i + 1);
        if (edited !== cursor) expect(isCursorRefusal(refusal(() => openCursor(key, s, edited)))).toBe(true);
      }),
    );
  });

  it('any string a client makes up is refused, never thrown as something else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.json().map((j) => Buffer.from(j).toString('base64url')), fc.json().map((j) => `${Buffer.from(j).toString('base64url')}.${randomBytes(16).toString('base64url')}`)), (made) => {
        fc.pre(made !== '');
        expect(isCursorRefusal(refusal(() => openCursor(key, 's', made)))).toBe(true);
      }),
    );
  });
});
