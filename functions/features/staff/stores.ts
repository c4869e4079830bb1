import { paginateQuery, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../../shared/errors';
import { scopeCoversStore, type StaffScope } from '../../../shared/roles';
import { ddb, cancellationReasons } from '../../commons/dynamodb';
import { keys } from '../../commons/keys';
import { auditPut, type AuditActor } from '../../commons/audit';
import { randomSceneCode } from '../../commons/crypto';
import { badRequest, conflict, forbidden, msg, notFound } from '../../commons/errors';
import { nowIso } from '../../commons/clock';
import { registerKey, SIGNING_RULE } from '../../commons/signatures';
import { joinScene, register, store } from './entities';
import type { ItemOf } from '../../commons/entity';

export type StoreItem = ItemOf<typeof store>;
export type RegisterItem = ItemOf<typeof register>;

export const JOIN_PAGE = 'pages/join/index';
export const joinPagePath = (scene: string) => `${JOIN_PAGE}?scene=${scene}`;

export async function getStore(tableName: string, storeId: string): Promise<StoreItem | undefined> {
  return store.get(tableName, [storeId]);
}

export async function getRegister(tableName: string, storeId: string, registerId: string): Promise<RegisterItem | undefined> {
  return register.get(tableName, [storeId, registerId]);
}

export const outOfScope = () => forbidden(msg('该门店不在您的管辖范围内', 'That store is outside your scope'), ErrorCode.OUT_OF_SCOPE);

/**
 * The stores a scope covers: 'all' for the chain, else their ids (a region's stores in one indexed query of
 * the STORES partition; a store scope needs no read). Lists narrow their items with it.
 */
export async function storeIdsInScope(tableName: string, scope: StaffScope): Promise<Set<string> | 'all'> {
  if (scope.level === 'chain') return 'all';
  if (scope.level === 'store') return new Set([scope.storeId]);
  const ids = new Set<string>();
  const pages = paginateQuery(
    { client: ddb() },
    {
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :region)',
      FilterExpression: '#type = :store',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':pk': keys.storesPartition(), ':region': `${scope.region}#`, ':store': 'store' },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) ids.add(item.storeId as string);
  return ids;
}

/** Whether a store (by id) lies within a scope; a region scope reads the store for its region. */
export async function storeWithinScope(tableName: string, scope: StaffScope, storeId: string): Promise<boolean> {
  if (scope.level === 'chain') return true;
  if (scope.level === 'store') return scope.storeId === storeId;
  const store = await getStore(tableName, storeId);
  return !!store && scopeCoversStore(scope, store);
}

/** Registers signing their own requests: known registers only, looked up at most once a minute per container. */
const knownRegisters = new Map<string, number>();
export async function assertRegisterExists(tableName: string, storeId: string, registerId: string): Promise<void> {
  const key = `${storeId}/${registerId}`;
  const seen = knownRegisters.get(key);
  if (seen && Date.now() - seen < 60_000) return;
  if (!(await getRegister(tableName, storeId, registerId))) throw forbidden(msg('未知的收银台', 'Unknown register'));
  knownRegisters.set(key, Date.now());
}

export async function listRegistersOfStore(tableName: string, storeId: string): Promise<RegisterItem[]> {
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
      ExpressionAttributeValues: { ':pk': keys.store(storeId).PK, ':r': 'REGISTER#' },
    }),
  );
  return register.parseAll(out.Items);
}

/** Stores and registers in one query of the STORES index, narrowed by region for region-scoped staff. */
export async function listStores(tableName: string, scope: StaffScope) {
  const byStore = new Map<string, StoreItem & { registers: RegisterItem[] }>();
  const registers: RegisterItem[] = [];
  const pages = paginateQuery(
    { client: ddb() },
    {
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: scope.level === 'region' ? 'GSI1PK = :pk AND begins_with(GSI1SK, :region)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.storesPartition(), ...(scope.level === 'region' ? { ':region': `${scope.region}#` } : {}) },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      if (item.type === 'store') byStore.set(item.storeId, { storeId: item.storeId, name: item.name, region: item.region, address: item.address, registers: [] });
      else if (item.type === 'register') registers.push(item as RegisterItem);
    }
  }
  for (const r of registers) byStore.get(r.storeId)?.registers.push({ storeId: r.storeId, registerId: r.registerId, name: r.name, joinScene: r.joinScene });
  return { items: [...byStore.values()].filter((s) => scopeCoversStore(scope, s)) };
}

/**
 * Opening a store: chain-scoped accounts only (a store belongs to no narrower scope before it exists), written
 * with its audit entry in one transaction; an existing store id is a 409 and changes nothing.
 */
export async function createStore(tableName: string, actor: AuditActor, input: StoreItem) {
  if (actor.scope.level !== 'chain') throw forbidden(msg('只有总部账号可以开设门店', 'Only chain-scoped accounts may open a store'), ErrorCode.OUT_OF_SCOPE);
  // The region is part of the stores index key (`<region>#<storeId>#`): a '#' in it would let one region's prefix match another's.
  if (input.region.includes('#')) {
    throw badRequest(ErrorCode.VALIDATION, msg('区域名称不能包含 #', 'A region name may not contain #'), [{ path: ['body', 'region'], message: 'must not contain #', code: 'invalid_string' }]);
  }
  const store: StoreItem = { storeId: input.storeId, name: input.name, region: input.region, address: input.address };
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.store(store.storeId), ...keys.storeIndex(store.region, store.storeId), type: 'store', ...store, createdAt: nowIso() },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          auditPut(tableName, actor, 'store.create', `store:${store.storeId}`, null, store),
        ],
      }),
    );
  } catch (err) {
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') throw conflict(msg(`门店 ${store.storeId} 已存在`, `Store ${store.storeId} already exists`));
    throw err;
  }
  return { ...store, registers: [] };
}

/** A register and its join scene are written together; a scene collision (1 in 31^8) just draws again. */
export async function createRegister(tableName: string, actor: AuditActor, scope: StaffScope, storeId: string, input: { registerId: string; name: string }) {
  const store = await getStore(tableName, storeId);
  if (!store) throw notFound(msg(`门店 ${storeId} 不存在`, `No store ${storeId}`));
  if (!scopeCoversStore(scope, store)) throw outOfScope();
  for (let attempt = 0; attempt < 3; attempt++) {
    const register: RegisterItem = { storeId, registerId: input.registerId, name: input.name, joinScene: randomSceneCode() };
    try {
      await ddb().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...keys.register(storeId, register.registerId), ...keys.registerIndex(store.region, storeId, register.registerId), type: 'register', ...register },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: { ...keys.scene(register.joinScene), type: 'scene', scene: register.joinScene, storeId, registerId: register.registerId, storeName: store.name },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            auditPut(tableName, actor, 'register.create', `register:${storeId}/${register.registerId}`, null, register),
          ],
        }),
      );
      return register;
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[0] === 'ConditionalCheckFailed') throw conflict(msg(`收银台 ${input.registerId} 已存在`, `Register ${input.registerId} already exists`));
      if (reasons?.[1] === 'ConditionalCheckFailed') continue;
      throw err;
    }
  }
  throw conflict(msg('未能分配注册码，请重试', 'Could not allocate a join scene; retry'));
}

/**
 * Handing a register its signing key is a sensitive staff action: admin only, for registers within the admin's
 * scope, audit-logged (the key itself is not logged).
 */
export async function revealRegisterKey(tableName: string, integrationKey: Buffer, actor: AuditActor, storeId: string, registerId: string) {
  const [store, register] = await Promise.all([getStore(tableName, storeId), getRegister(tableName, storeId, registerId)]);
  if (store && !scopeCoversStore(actor.scope, store)) throw outOfScope();
  if (!store || !register) throw notFound(msg(`收银台 ${storeId}/${registerId} 不存在`, `No register ${storeId}/${registerId}`));
  await ddb().send(new TransactWriteCommand({ TransactItems: [auditPut(tableName, actor, 'register.revealKey', `register:${storeId}/${registerId}`, null, null)] }));
  return {
    storeId,
    registerId,
    key: registerKey(integrationKey, storeId, registerId),
    signing: `x-store-id, x-register-id, ${SIGNING_RULE}`,
  };
}

export type SceneItem = ItemOf<typeof joinScene>;

export async function resolveScene(tableName: string, scene: string): Promise<SceneItem> {
  return sceneOf(await joinScene.get(tableName, [scene]));
}

/** A join scene's item as read (with other items, perhaps): unknown is a 404. */
export function sceneOf(item: SceneItem | undefined): SceneItem {
  if (!item) throw notFound(msg('此注册码无效或已停用', 'This join code is unknown or no longer in use'), ErrorCode.SCENE_UNKNOWN);
  return item;
}

export async function registerJoinCode(
  tableName: string,
  staff: { role: string; scope: StaffScope; reg?: { storeId: string; registerId: string } },
  storeId: string,
  registerId: string,
) {
  if (staff.role === 'cashier' && (staff.reg?.storeId !== storeId || staff.reg?.registerId !== registerId)) {
    throw forbidden(msg('收银员只能查看自己收银台的注册码', 'A cashier sees the join code of their own register only'), ErrorCode.OUT_OF_SCOPE);
  }
  const [store, register] = await Promise.all([getStore(tableName, storeId), getRegister(tableName, storeId, registerId)]);
  if (store && !scopeCoversStore(staff.scope, store)) throw outOfScope();
  if (!store || !register) throw notFound(msg(`收银台 ${storeId}/${registerId} 不存在`, `No register ${storeId}/${registerId}`));
  return { scene: register.joinScene, path: joinPagePath(register.joinScene), store: { storeId, name: store.name }, registerId };
}
