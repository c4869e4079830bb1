import { sameScope, scopeCoversStore } from './roles';

describe('staff scopes', () => {
  const store = { storeId: 'S001', region: 'shanghai' };
  it.each([
    [{ level: 'chain' as const }, true],
    [{ level: 'region' as const, region: 'shanghai' }, true],
    [{ level: 'region' as const, region: 'hangzhou' }, false],
    [{ level: 'store' as const, storeId: 'S001' }, true],
    [{ level: 'store' as const, storeId: 'S002' }, false],
  ])('%j covers S001 in shanghai: %s', (scope, covers) => {
    expect(scopeCoversStore(scope, store)).toBe(covers);
  });

  it('compares scopes by value, whatever the key order', () => {
    expect(sameScope({ storeId: 'S1', level: 'store' } as never, { level: 'store', storeId: 'S1' })).toBe(true);
    expect(sameScope({ level: 'store', storeId: 'S1' }, { level: 'store', storeId: 'S2' })).toBe(false);
    expect(sameScope({ level: 'chain' }, { level: 'region', region: 'x' })).toBe(false);
  });
});
