/**
 * Staff roles as DOMAIN.md describes them, and their names. Free of zod (the mini-program reads it); their schema
 * and the scope rules are in roles.ts, which re-exports these.
 */
export const staffRoles = ['admin', 'ops', 'finance', 'service', 'cashier'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffRoleLabels: Record<StaffRole, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  ops: { zh: '运营/营销', en: 'Operations & marketing' },
  finance: { zh: '财务', en: 'Finance' },
  service: { zh: '客服', en: 'Customer service' },
  cashier: { zh: '收银员', en: 'Cashier' },
};
