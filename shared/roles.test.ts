import fc from 'fast-check';
import { escalationProblems, grantWithin, homeStoreOf, mayChangeMember, roleCovers, sameScope, scopeContains, scopeCoversStore, staffRoles, type StaffGrant, type StaffScope } from './roles';

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

const regions: Record<string, string> = { S001: 'shanghai', S003: 'shanghai', S002: 'hangzhou' };
const regionOf = (storeId: string) => regions[storeId];
const chain: StaffScope = { level: 'chain' };
const sh: StaffScope = { level: 'region', region: 'shanghai' };
const hz: StaffScope = { level: 'region', region: 'hangzhou' };
const s1: StaffScope = { level: 'store', storeId: 'S001' };
const s2: StaffScope = { level: 'store', storeId: 'S002' };
const s3: StaffScope = { level: 'store', storeId: 'S003' };

describe('scope containment: chain ⊃ region ⊃ store in the region', () => {
  it.each([
    [chain, chain, true],
    [chain, sh, true],
    [chain, s2, true],
    [sh, chain, false],
    [sh, sh, true],
    [sh, hz, false],
    [sh, s1, true],
    [sh, s3, true],
    [sh, s2, false],
    [s1, s1, true],
    [s1, s3, false],
    [s1, sh, false],
    [s1, chain, false],
  ])('%j ⊇ %j: %s', (outer, inner, expected) => {
    expect(scopeContains(outer, inner, regionOf)).toBe(expected);
  });

  it('a store whose region is unknown is in no region', () => {
    expect(scopeContains(sh, { level: 'store', storeId: 'S404' }, regionOf)).toBe(false);
    expect(scopeContains(sh, s1)).toBe(false);
  });

  const scopeArb = fc.constantFrom(chain, sh, hz, s1, s2, s3);
  it('is a partial order: reflexive, antisymmetric up to equality, transitive', () => {
    fc.assert(
      fc.property(scopeArb, scopeArb, scopeArb, (a, b, c) => {
        expect(scopeContains(a, a, regionOf)).toBe(true);
        if (scopeContains(a, b, regionOf) && scopeContains(b, a, regionOf)) expect(sameScope(a, b)).toBe(true);
        if (scopeContains(a, b, regionOf) && scopeContains(b, c, regionOf)) expect(scopeContains(a, c, regionOf)).toBe(true);
      }),
    );
  });

  it('containment agrees with store coverage: whatever inner covers, outer covers', () => {
    fc.assert(
      fc.property(scopeArb, scopeArb, fc.constantFrom('S001', 'S002', 'S003'), (outer, inner, storeId) => {
        const store = { storeId, region: regions[storeId] };
        if (scopeContains(outer, inner, regionOf) && scopeCoversStore(inner, store)) expect(scopeCoversStore(outer, store)).toBe(true);
      }),
    );
  });
});

describe('no escalation', () => {
  const g = (role: StaffGrant['role'], scope: StaffScope, canRevealPhone = false): StaffGrant => ({ role, scope, canRevealPhone });
  const chainAdmin = g('admin', chain, true);
  const storeAdmin = g('admin', s1);
  const regionAdmin = g('admin', sh);

  it('an admin covers every role, any other role only itself', () => {
    for (const r of staffRoles) expect(roleCovers('admin', r)).toBe(true);
    expect(roleCovers('ops', 'ops')).toBe(true);
    expect(roleCovers('ops', 'finance')).toBe(false);
    expect(roleCovers('service', 'admin')).toBe(false);
  });

  it('a chain admin may create anything, including admins', () => {
    expect(escalationProblems(chainAdmin, null, g('admin', chain, true), regionOf)).toEqual([]);
    expect(escalationProblems(chainAdmin, null, g('service', s2, true), regionOf)).toEqual([]);
  });

  it('a store-scoped admin cannot create or promote to chain admin, nor create any admin', () => {
    expect(escalationProblems(storeAdmin, null, g('admin', chain), regionOf)).toEqual(['scope', 'adminByChainOnly']);
    expect(escalationProblems(storeAdmin, null, g('admin', s1), regionOf)).toEqual(['adminByChainOnly']);
    expect(escalationProblems(storeAdmin, g('ops', s1), g('admin', s1), regionOf)).toEqual(['adminByChainOnly']);
    expect(escalationProblems(regionAdmin, null, g('admin', s1), regionOf)).toEqual(['adminByChainOnly']);
  });

  it('a store-scoped admin cannot widen itself', () => {
    expect(escalationProblems(storeAdmin, storeAdmin, g('admin', chain), regionOf)).toEqual(['scope']);
    expect(escalationProblems(storeAdmin, storeAdmin, g('admin', sh), regionOf)).toEqual(['scope']);
    expect(escalationProblems(storeAdmin, storeAdmin, g('admin', s1, true), regionOf)).toEqual(['permission']);
    expect(escalationProblems(storeAdmin, storeAdmin, g('admin', s1), regionOf)).toEqual([]);
  });

  it('may not touch an account wider than itself, even to narrow it', () => {
    expect(escalationProblems(storeAdmin, chainAdmin, g('service', s1), regionOf)).toEqual(['targetOutside']);
    expect(escalationProblems(regionAdmin, g('ops', s2), g('ops', s1), regionOf)).toEqual(['targetOutside']);
  });

  it('grants only permissions it holds, only within its scope', () => {
    expect(escalationProblems(regionAdmin, null, g('service', s3, true), regionOf)).toEqual(['permission']);
    expect(escalationProblems(regionAdmin, null, g('service', s2), regionOf)).toEqual(['scope']);
    expect(escalationProblems(regionAdmin, null, g('cashier', s3), regionOf)).toEqual([]);
  });

  it('whatever it grants is within its own grant (property)', () => {
    const scopeArb = fc.constantFrom(chain, sh, hz, s1, s2, s3);
    const grantArb = fc.record({ role: fc.constantFrom(...staffRoles), scope: scopeArb, canRevealPhone: fc.boolean() });
    fc.assert(
      fc.property(grantArb, fc.option(grantArb, { nil: null }), grantArb, (actor, before, after) => {
        if (escalationProblems(actor, before, after, regionOf).length === 0) {
          expect(grantWithin(actor, after, regionOf)).toBe(true);
          if (after.role === 'admin' && before?.role !== 'admin') expect(actor).toMatchObject({ role: 'admin', scope: chain });
        }
      }),
    );
  });
});

describe('home store and who may change a member', () => {
  it('is the join store, else the first purchase store, else none', () => {
    expect(homeStoreOf({ joinStoreId: 'S001', firstPurchaseStoreId: 'S002' })).toBe('S001');
    expect(homeStoreOf({ joinStoreId: null, firstPurchaseStoreId: 'S002' })).toBe('S002');
    expect(homeStoreOf({})).toBeNull();
  });
  it('chain-scoped staff change anyone; scoped staff members homed in scope; nobody scoped changes a member without a home', () => {
    const home = { storeId: 'S001', region: 'shanghai' };
    expect(mayChangeMember(chain, null)).toBe(true);
    expect(mayChangeMember(sh, home)).toBe(true);
    expect(mayChangeMember(hz, home)).toBe(false);
    expect(mayChangeMember(s1, home)).toBe(true);
    expect(mayChangeMember(s2, home)).toBe(false);
    expect(mayChangeMember(s1, null)).toBe(false);
  });
});
