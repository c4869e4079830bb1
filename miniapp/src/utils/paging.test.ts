import { appendPage } from './paging';

describe('appendPage', () => {
  const key = (x: { id: string }) => x.id;
  it('appends a page in order', () => {
    expect(appendPage([{ id: 'a' }], [{ id: 'b' }, { id: 'c' }], key).map(key)).toEqual(['a', 'b', 'c']);
  });
  it('drops rows already shown (a page fetched twice, or an entry that moved between pages)', () => {
    expect(appendPage([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }, { id: 'c' }], key).map(key)).toEqual(['a', 'b', 'c']);
  });
  it('does not change what it was given', () => {
    const shown = [{ id: 'a' }];
    appendPage(shown, [{ id: 'b' }], key);
    expect(shown).toEqual([{ id: 'a' }]);
  });
});
