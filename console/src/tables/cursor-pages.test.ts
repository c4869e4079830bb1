import { CursorPages } from './cursor-pages';

describe('CursorPages', () => {
  it('remembers the cursor of each page visited and never skips ahead', () => {
    const pages = new CursorPages();
    expect(pages.cursorFor(1, { a: 1 })).toEqual({ cursor: undefined, page: 1 });
    pages.record(1, 'c2');
    expect(pages.total(1, 10, 10)).toBe(20);
    expect(pages.cursorFor(2, { a: 1 })).toEqual({ cursor: 'c2', page: 2 });
    pages.record(2, 'c3');
    // A jump to page 9 serves the next page not yet seen, not a made-up one.
    expect(pages.cursorFor(9, { a: 1 })).toEqual({ cursor: 'c3', page: 3 });
    pages.record(3, null);
    expect(pages.total(3, 10, 4)).toBe(24);
    expect(pages.cursorFor(1, { a: 1 })).toEqual({ cursor: undefined, page: 1 });
  });

  it('starts over when the filters change', () => {
    const pages = new CursorPages();
    pages.cursorFor(1, { actor: 'a' });
    pages.record(1, 'next');
    expect(pages.cursorFor(2, { actor: 'b' })).toEqual({ cursor: undefined, page: 1 });
  });
});
