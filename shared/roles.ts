import { z } from 'zod';

/** Staff roles as DOMAIN.md describes them. */
export const staffRoles = ['admin', 'ops', 'finance', 'service', 'cashier'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffRoleLabels: Record<StaffRole, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  ops: { zh: '运营/营销', en: 'Operations & marketing' },
  finance: { zh: '财务', en: 'Finance' },
  service: { zh: '客服', en: 'Customer service' },
  cashier: { zh: '收银员', en: 'Cashier' },
};

/** Where a staff account may act: the whole chain, one region, or one store. */
export const staffScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('chain') }),
  z.object({ level: z.literal('region'), region: z.string().min(1).max(40) }),
  z.object({ level: z.literal('store'), storeId: z.string().min(1).max(40) }),
]);
export type StaffScope = z.infer<typeof staffScopeSchema>;

/** A store is within a scope when the scope is the chain, its region, or the store itself. */
export function scopeCoversStore(scope: StaffScope, store: { storeId: string; region: string }): boolean {
  switch (scope.level) {
    case 'chain':
      return true;
    case 'region':
      return scope.region === store.region;
    case 'store':
      return scope.storeId === store.storeId;
  }
}

export function sameScope(a: StaffScope, b: StaffScope): boolean {
  if (a.level !== b.level) return false;
  if (a.level === 'region') return a.region === (b as typeof a).region;
  if (a.level === 'store') return a.storeId === (b as typeof a).storeId;
  return true;
}
