import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { defaultChainSettings } from '../shared/settings';
import { SYSTEM_ACTOR } from '../functions/commons/audit';
import { getConfig } from '../functions/commons/config';
import { ddb } from '../functions/commons/dynamodb';
import { keys } from '../functions/commons/keys';
import { nowIso } from '../functions/commons/clock';
import { ensureStaff, SYSTEM_STAFF_ACTOR } from '../functions/features/staff/staff-accounts';
import { createRegister, createStore, getStore, listStores } from '../functions/features/staff/stores';
import type { StaffRole, StaffScope } from '../shared/roles';

/**
 * The demo chain `npm start` seeds on its first run: DOMAIN.md's default settings, two stores with
 * registers (each with its scan-to-join scene), and one staff account per role. Idempotent.
 * The passwords are for the local demo only.
 */
export const demoStores = [
  { storeId: 'S001', name: '鲜邻超市·中山路店', region: 'shanghai', address: '上海市黄浦区中山东一路 18 号', registers: [{ registerId: 'S001-R1', name: '1号收银台' }, { registerId: 'S001-R2', name: '2号收银台' }] },
  { storeId: 'S002', name: '鲜邻超市·滨江店', region: 'hangzhou', address: '杭州市滨江区江南大道 588 号', registers: [{ registerId: 'S002-R1', name: '1号收银台' }] },
];

export const demoStaff: Array<{ username: string; password: string; displayName: string; role: StaffRole; scope: StaffScope; canRevealPhone: boolean; registerId?: string }> = [
  // The chain admin holds every permission it may grant (an account grants nothing wider than its own).
  { username: 'admin', password: 'admin-demo-2026', displayName: '系统管理员', role: 'admin', scope: { level: 'chain' }, canRevealPhone: true },
  { username: 'ops', password: 'ops-demo-2026', displayName: '运营·王敏', role: 'ops', scope: { level: 'chain' }, canRevealPhone: false },
  { username: 'finance', password: 'finance-demo-2026', displayName: '财务·李强', role: 'finance', scope: { level: 'chain' }, canRevealPhone: false },
  { username: 'service', password: 'service-demo-2026', displayName: '客服·陈静', role: 'service', scope: { level: 'chain' }, canRevealPhone: true },
  { username: 'cashier', password: 'cashier-demo-2026', displayName: '收银·张伟', role: 'cashier', scope: { level: 'store', storeId: 'S001' }, canRevealPhone: false, registerId: 'S001-R1' },
  { username: 'cashier2', password: 'cashier-demo-2026', displayName: '收银·刘洋', role: 'cashier', scope: { level: 'store', storeId: 'S002' }, canRevealPhone: false, registerId: 'S002-R1' },
  // Scoped accounts, to try scope locally: a region's ops and a store's manager see and change only their own.
  { username: 'ops.sh', password: 'ops-demo-2026', displayName: '上海区域运营·赵磊', role: 'ops', scope: { level: 'region', region: 'shanghai' }, canRevealPhone: false },
  { username: 'admin.s002', password: 'admin-demo-2026', displayName: '滨江店店长·孙悦', role: 'admin', scope: { level: 'store', storeId: 'S002' }, canRevealPhone: false },
];

const scopeLabel = (s: StaffScope) => (s.level === 'chain' ? 'chain' : s.level === 'region' ? `region ${s.region}` : `store ${s.storeId}`);

export async function seedDemoChain() {
  const { tableName } = await getConfig();
  const existing = await ddb().send(new GetCommand({ TableName: tableName, Key: keys.settings() }));
  const created = !existing.Item;
  if (created) {
    await ddb().send(
      new PutCommand({ TableName: tableName, Item: { ...keys.settings(), type: 'settings', settings: defaultChainSettings, updatedAt: nowIso(), updatedBy: 'system', version: 1 } }),
    );
  }
  for (const store of demoStores) {
    if (!(await getStore(tableName, store.storeId))) {
      const { registers, ...profile } = store;
      await createStore(tableName, SYSTEM_ACTOR, profile);
      for (const r of registers) await createRegister(tableName, SYSTEM_ACTOR, { level: 'chain' }, store.storeId, r);
    }
  }
  for (const s of demoStaff) {
    await ensureStaff(tableName, SYSTEM_STAFF_ACTOR, { username: s.username, password: s.password, displayName: s.displayName, role: s.role, scope: s.scope, canRevealPhone: s.canRevealPhone });
  }
  const { items } = await listStores(tableName, { level: 'chain' });
  return {
    created,
    staff: demoStaff.map((s) => ({ username: s.username, password: s.password, role: s.role, scopeLabel: scopeLabel(s.scope), registerId: s.registerId })),
    stores: items.map((s) => ({ storeId: s.storeId, name: s.name, registers: s.registers.map((r) => ({ registerId: r.registerId, scene: r.joinScene })) })),
  };
}
