import { unreadBadge } from './card';

describe('unreadBadge', () => {
  it.each([
    [0, ''],
    [-1, ''],
    [Number.NaN, ''],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
    [12345, '99+'],
  ])('%d unread → "%s"', (n, text) => expect(unreadBadge(n)).toBe(text));
});
