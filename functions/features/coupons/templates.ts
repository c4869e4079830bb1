import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { faceValueFen, type createCouponPackRequest, type createCouponTemplateRequest, type CouponTemplateView, type templateStatusActions, type couponPackView } from '../../../shared/features/coupons/schemas';
import { actorOf, auditPut } from '../../commons/audit';
import { nowIso } from '../../commons/clock';
import type { AppConfig } from '../../commons/config';
import { ddb, transactWrite, cancellationReasons } from '../../commons/dynamodb';
import { conflict, msg } from '../../commons/errors';
import { batchRead, itemKeyOf } from '../../commons/first-read';
import { queryPage } from '../../commons/cursor';
import type { StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { assertChainScoped } from '../points/liability';
import { couponPack, couponStock, couponTemplate } from './entities';
import { initialShards, readTemplates, shardKeysOf, statsOf, templateNotFound, type GrantTemplate, type StockShard } from './grants';

/**
 * Coupon templates and packs (ops). A template is created once under the id ops give it (the same design again
 * answers the first; another design under the id is a 409) and never edited: a change of design is a new
 * template, so every grant is judged by the rules it was given under. Its status changes (activate, pause, resume,
 * end) are one transaction over the template and every stock shard, so a claim's condition sees a pause at commit.
 */
type TemplateItem = NonNullable<ReturnType<typeof couponTemplate.parse>>;

/** One shard per 2,500 of stock, 1–32: a shard takes ~500 claims/s in the cloud (1,000 WCU/s, 2 per transactional write). */
export const defaultShards = (stock: number) => Math.max(1, Math.min(32, Math.ceil(stock / 2500)));

const designHash = (design: unknown) => createHash('sha256').update(JSON.stringify(design)).digest('base64url').slice(0, 22);

export function viewOf(t: TemplateItem | GrantTemplate, shards: StockShard[]): CouponTemplateView {
  const x = t as TemplateItem;
  return {
    templateId: x.templateId,
    name: x.name,
    description: x.description ?? null,
    benefit: x.benefit,
    validity: x.validity,
    scope: x.scope,
    limits: x.limits,
    stacking: x.stacking,
    claimChannel: x.claimChannel,
    status: shards[0]?.status ?? x.status,
    shards: x.shards,
    reserveFen: x.reserveFen,
    createdAt: x.createdAt,
    createdBy: x.createdBy,
    statusChangedAt: x.statusChangedAt,
    stats: statsOf(shards),
  };
}

async function readTemplateWithShards(tableName: string, templateId: string): Promise<{ template: TemplateItem; shards: StockShard[] } | null> {
  const found = await batchRead(tableName, [keys.couponTemplate(templateId)]);
  const template = couponTemplate.parse(found.get(itemKeyOf(keys.couponTemplate(templateId))));
  if (!template) return null;
  const shardItems = await batchRead(tableName, shardKeysOf(templateId, template.shards));
  const shards = shardKeysOf(templateId, template.shards).map((k) => couponStock.parse(shardItems.get(itemKeyOf(k)))!);
  return { template, shards };
}

export async function getTemplate(config: AppConfig, templateId: string): Promise<CouponTemplateView> {
  const read = await readTemplateWithShards(config.tableName, templateId);
  if (!read) throw templateNotFound(templateId);
  return viewOf(read.template, read.shards);
}

export async function listTemplates(config: AppConfig, query: { state: 'live' | 'ended'; cursor?: string }) {
  const t = config.tableName;
  const page = await queryPage(config, `coupon-templates:${query.state}`, query.cursor, {
    TableName: t,
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.couponTemplates(query.state) },
    ScanIndexForward: false,
    Limit: 20,
  });
  const templates = couponTemplate.parseAll(page.items);
  const shardKeys = templates.flatMap((tp) => shardKeysOf(tp.templateId, tp.shards));
  const found = shardKeys.length ? await batchRead(t, shardKeys) : new Map();
  const items = templates.map((tp) => viewOf(tp, shardKeysOf(tp.templateId, tp.shards).map((k) => couponStock.parse(found.get(itemKeyOf(k)))!)));
  return { items, cursor: page.cursor };
}

const templateConflict = (templateId: string) =>
  conflict(msg(`优惠券编号 ${templateId} 已被另一张券使用`, `The coupon id ${templateId} is already used by another design`), ErrorCode.COUPON_TEMPLATE_CONFLICT, { templateId });

export async function createTemplate(config: AppConfig, staff: StaffPrincipal, input: z.infer<typeof createCouponTemplateRequest>): Promise<CouponTemplateView> {
  // A template names the stores it applies to: only a chain-wide account designs one (no account grants beyond its scope).
  assertChainScoped(staff);
  const t = config.tableName;
  const { shards: askedShards, status, description, ...design } = input;
  const hash = designHash({ ...design, description, status, shards: askedShards ?? null });
  const shards = askedShards ?? Math.min(defaultShards(design.limits.stock), design.limits.stock);
  const now = nowIso();
  const item = {
    ...keys.couponTemplate(design.templateId),
    ...keys.couponTemplateIndex('live', now, design.templateId),
    type: 'couponTemplate',
    ...design,
    description,
    status,
    shards,
    reserveFen: faceValueFen(design.benefit),
    createdAt: now,
    createdBy: staff.sub,
    statusChangedAt: now,
    version: 1,
    designHash: hash,
  };
  const shardItems = initialShards(design.templateId, design.limits.stock, design.limits.budgetFen, shards, status);
  try {
    await transactWrite([
      { Put: { TableName: t, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
      ...shardItems.map((s) => ({ Put: { TableName: t, Item: s, ConditionExpression: 'attribute_not_exists(PK)' } })),
      auditPut(t, actorOf(staff), 'coupon.template.create', `coupon-template:${design.templateId}`, null, { ...design, status, shards }),
    ]);
  } catch (err) {
    const reasons = cancellationReasons(err);
    if (!reasons || reasons[0] !== 'ConditionalCheckFailed') throw err;
    // The id was taken: the same design again (a retry) answers what was made; another design is a conflict.
    const existing = await readTemplateWithShards(t, design.templateId);
    if (!existing || (existing.template as { designHash?: string }).designHash !== hash) throw templateConflict(design.templateId);
    return viewOf(existing.template, existing.shards);
  }
  return viewOf(item as unknown as TemplateItem, shardItems as StockShard[]);
}

type Action = (typeof templateStatusActions)[number];
/** Which status each action moves a template from, and to. Ending is final. */
const transitions: Record<Action, { from: ReadonlyArray<TemplateItem['status']>; to: TemplateItem['status'] }> = {
  activate: { from: ['draft'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  end: { from: ['draft', 'active', 'paused'], to: 'ended' },
};

export async function changeTemplateStatus(config: AppConfig, staff: StaffPrincipal, templateId: string, input: { action: Action; reason?: string }): Promise<CouponTemplateView> {
  assertChainScoped(staff);
  const t = config.tableName;
  for (let attempt = 0; ; attempt++) {
    const read = await readTemplateWithShards(t, templateId);
    if (!read) throw templateNotFound(templateId);
    const { template } = read;
    const rule = transitions[input.action];
    if (!rule.from.includes(template.status)) {
      // Asking again for where it already is (a retry) answers as it stands.
      if (template.status === rule.to) return viewOf(template, read.shards);
      throw conflict(msg(`优惠券当前为「${template.status}」，不能${input.action}`, `The template is ${template.status}: it cannot ${input.action}`), ErrorCode.COUPON_STATUS, { status: template.status, action: input.action });
    }
    const now = nowIso();
    const ended = rule.to === 'ended';
    try {
      await transactWrite([
        {
          Update: {
            TableName: t,
            Key: keys.couponTemplate(templateId),
            UpdateExpression: 'SET #status = :to, statusChangedAt = :now, version = version + :one, GSI1PK = :pk',
            ConditionExpression: 'version = :seen',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':to': rule.to, ':now': now, ':one': 1, ':seen': template.version, ':pk': keys.couponTemplates(ended ? 'ended' : 'live') },
          },
        },
        ...read.shards.map((s) => ({
          Update: { TableName: t, Key: keys.couponStock(templateId, s.shard), UpdateExpression: 'SET #status = :to', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':to': rule.to } },
        })),
        auditPut(t, actorOf(staff), `coupon.template.${input.action}`, `coupon-template:${templateId}`, { status: template.status }, { status: rule.to, reason: input.reason ?? null }),
      ]);
      return viewOf({ ...template, status: rule.to, statusChangedAt: now }, read.shards.map((s) => ({ ...s, status: rule.to })));
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons || attempt >= 5) throw err;
    }
  }
}

// ---- packs ---------------------------------------------------------------------------------------------------

type PackItem = NonNullable<ReturnType<typeof couponPack.parse>>;

async function packView(t: string, pack: PackItem): Promise<z.infer<typeof couponPackView>> {
  const tps = await readTemplates(t, pack.items.map((i) => i.templateId));
  const found = await batchRead(t, pack.items.map((i) => keys.couponStock(i.templateId, 0)));
  return {
    packId: pack.packId,
    name: pack.name,
    items: pack.items,
    createdAt: pack.createdAt,
    createdBy: pack.createdBy,
    templates: pack.items.map((i) => {
      const tp = tps.get(i.templateId);
      const shard = couponStock.parse(found.get(itemKeyOf(keys.couponStock(i.templateId, 0))));
      return { templateId: i.templateId, name: tp?.name ?? { zh: i.templateId, en: i.templateId }, status: shard?.status ?? 'ended' };
    }),
  };
}

export async function getPack(tableName: string, packId: string): Promise<PackItem | undefined> {
  return couponPack.get(tableName, [packId], { consistent: true });
}

export async function listPacks(config: AppConfig) {
  const out = await ddb().send(new QueryCommand({ TableName: config.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.couponPacks() }, ScanIndexForward: false, Limit: 100 }));
  return { items: await Promise.all(couponPack.parseAll(out.Items).map((p) => packView(config.tableName, p))) };
}

export async function createPack(config: AppConfig, staff: StaffPrincipal, input: z.infer<typeof createCouponPackRequest>) {
  assertChainScoped(staff);
  const t = config.tableName;
  const tps = await readTemplates(t, input.items.map((i) => i.templateId));
  for (const i of input.items) if (!tps.has(i.templateId)) throw templateNotFound(i.templateId);
  const now = nowIso();
  const hash = designHash(input);
  const item = { ...keys.couponPack(input.packId), ...keys.couponPackIndex(now, input.packId), type: 'couponPack', ...input, createdAt: now, createdBy: staff.sub, designHash: hash };
  try {
    await transactWrite([
      { Put: { TableName: t, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
      auditPut(t, actorOf(staff), 'coupon.pack.create', `coupon-pack:${input.packId}`, null, input),
    ]);
  } catch (err) {
    const reasons = cancellationReasons(err);
    if (!reasons || reasons[0] !== 'ConditionalCheckFailed') throw err;
    const existing = await getPack(t, input.packId);
    if (!existing || (existing as { designHash?: string }).designHash !== hash) throw templateConflict(input.packId);
    return packView(t, existing);
  }
  return packView(t, item as unknown as PackItem);
}
