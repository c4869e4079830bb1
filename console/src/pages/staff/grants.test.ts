import { defaultScopeFields, grantable, levelsForRole, scopeFromFields } from './grants';

const stores = [
  { storeId: 'SH-001', name: '南京路店', region: '华东' },
  { storeId: 'SH-002', name: '徐家汇店', region: '华东' },
  { storeId: 'BJ-001', name: '王府井店', region: '华北' },
];

describe('what an admin may grant', () => {
  it('a chain admin grants everything, admins included', () => {
    const g = grantable({ role: 'admin', scope: { level: 'chain' }, canRevealPhone: true }, stores);
    expect(g.roles).toEqual(['admin', 'ops', 'finance', 'service', 'cashier']);
    expect(g.levels).toEqual(['chain', 'region', 'store']);
    expect(g.regions).toEqual(['华东', '华北'].sort());
    expect(g.stores).toHaveLength(3);
    expect(g.canRevealPhone).toBe(true);
  });

  it('a store admin grants only its store, never the chain, never admin, never a permission it lacks', () => {
    const g = grantable({ role: 'admin', scope: { level: 'store', storeId: 'SH-001' }, canRevealPhone: false }, stores);
    expect(g.roles).toEqual(['ops', 'finance', 'service', 'cashier']);
    expect(g.levels).toEqual(['store']);
    expect(g.regions).toEqual([]);
    expect(g.stores.map((s) => s.storeId)).toEqual(['SH-001']);
    expect(g.canRevealPhone).toBe(false);
    expect(defaultScopeFields(g)).toEqual({ level: 'store', storeId: 'SH-001' });
  });

  it('a region admin grants its region and its stores; an existing admin may stay one', () => {
    const actor = { role: 'admin' as const, scope: { level: 'region' as const, region: '华东' }, canRevealPhone: true };
    const g = grantable(actor, stores);
    expect(g.levels).toEqual(['region', 'store']);
    expect(g.regions).toEqual(['华东']);
    expect(g.stores.map((s) => s.storeId)).toEqual(['SH-001', 'SH-002']);
    expect(g.roles).not.toContain('admin');
    expect(grantable(actor, stores, { role: 'admin', scope: { level: 'store', storeId: 'SH-002' } }).roles).toContain('admin');
  });

  it('cashiers are store-scoped', () => {
    expect(levelsForRole('cashier', ['chain', 'region', 'store'])).toEqual(['store']);
    expect(levelsForRole('ops', ['region', 'store'])).toEqual(['region', 'store']);
  });

  it('builds the scope from the form', () => {
    expect(scopeFromFields({ level: 'store', storeId: 'SH-001' })).toEqual({ level: 'store', storeId: 'SH-001' });
    expect(scopeFromFields({ level: 'region' })).toBeNull();
    expect(scopeFromFields({ level: 'chain', storeId: 'x' })).toEqual({ level: 'chain' });
  });
});
