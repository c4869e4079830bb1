/** Cursor-paged lists (points history, messages): a page appended to what is shown, repeats dropped. */
export function appendPage<T>(shown: readonly T[], page: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set(shown.map(keyOf));
  const fresh = page.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return fresh.length ? [...shown, ...fresh] : [...shown];
}
