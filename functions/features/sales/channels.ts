import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { mapChannelOrder, type ChannelPlatform, type MappedOrder } from '../../../shared/features/sales/channels';
import { ErrorCode } from '../../../shared/errors';
import { saleRequest, type SaleRequest } from '../../../shared/features/sales/schemas';
import type { AppConfig } from '../../commons/config';
import { ddb } from '../../commons/dynamodb';
import { badRequest, msg } from '../../commons/errors';
import { keys } from '../../commons/keys';
import { findMemberIdByPhone } from '../members/members';
import { recordSale } from './sales';
import { getStore } from '../staff/stores';

/**
 * Orders pushed by delivery and e-commerce platforms: validated and mapped by the platform's schema
 * (shared/channels.ts), checked against the chain's stores, then recorded like a register's sale.
 */
const notValid = (platform: string, err: z.ZodError) =>
  badRequest(
    ErrorCode.VALIDATION,
    msg(`${platform} 订单内容有误`, `Not a valid ${platform} order`),
    err.issues.map((i) => ({ path: ['body', ...i.path.map(String)], message: i.message, code: i.code })),
  );

/**
 * The member the order earns for: the one whose phone the platform shared, if that phone has joined; otherwise
 * the order is a non-member sale (a platform buyer need not be a member). A re-push answers as the first push
 * did, even if the buyer has joined since, so the sale's content (and its idempotency hash) never changes.
 */
async function memberOf(config: AppConfig, order: MappedOrder): Promise<{ memberId: string } | undefined> {
  const recorded = await ddb().send(new GetCommand({ TableName: config.tableName, Key: keys.sale(order.storeId, order.receiptNo), ConsistentRead: true }));
  if (recorded.Item) return recorded.Item.memberId ? { memberId: recorded.Item.memberId as string } : undefined;
  const memberId = order.phone ? await findMemberIdByPhone(config, order.phone) : undefined;
  return memberId ? { memberId } : undefined;
}

export async function recordChannelOrder(config: AppConfig, platform: ChannelPlatform, body: unknown) {
  let order: MappedOrder;
  try {
    order = mapChannelOrder(platform, body);
  } catch (err) {
    if (err instanceof z.ZodError) throw notValid(platform, err);
    throw err;
  }
  // An unknown store is the platform's configuration error: a 400 naming the field, not a sale for no store.
  if (!(await getStore(config.tableName, order.storeId))) {
    throw badRequest(ErrorCode.STORE_UNKNOWN, msg(`门店编码 ${order.storeId} 不存在`, `No store has the code ${order.storeId}`), [{ path: ['body', order.storeField], message: 'not a store of the chain' }]);
  }
  const member = await memberOf(config, order);
  const net = order.lines.reduce((n, l) => n + Math.round((l.qtyMilli * l.unitPriceFen) / 1000) - l.lineDiscountFen, 0);
  const parsed = saleRequest.safeParse({
    receiptNo: order.receiptNo,
    storeId: order.storeId,
    soldAt: order.soldAt,
    lines: order.lines,
    payments: [{ method: 'platform', amountFen: net }],
    ...(member ? { member } : {}),
  });
  // The platform schemas hold the sale's invariants, so this is a mapping bug if it ever fails: still a 400 with paths.
  if (!parsed.success) throw notValid(platform, parsed.error);
  const sale: SaleRequest = parsed.data;
  return recordSale(config, { storeId: sale.storeId, registerId: null, channel: platform }, sale);
}
