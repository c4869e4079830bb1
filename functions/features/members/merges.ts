import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { mergeRequestSchema } from '../../../shared/features/members/schemas';
import type { StaffScope } from '../../../shared/roles';
import { actorOf, auditPut } from '../../commons/audit';
import type { AppConfig } from '../../commons/config';
import { cancellationReasons, ddb, getConsistent } from '../../commons/dynamodb';
import { conflict, msg, notFound } from '../../commons/errors';
import type { StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { nowIso } from '../../commons/clock';
import { viewScope } from '../../commons/principals';
import type { ItemOf } from '../../commons/entity';
import { storeIdsInScope } from '../staff/stores';
import { mergeRequest } from './entities';
import { homeStoresOf } from './members';

/**
 * Deciding merge requests (BUSINESS-RULES 1.7). Rejecting keeps the two members apart: the request leaves the
 * open queue (its GSI1 keys are removed), the WeChat member's "merge pending" flag is cleared, and the decision
 * is audit-logged, all in one transaction conditioned on the request being open.
 */
type MergeItem = ItemOf<typeof mergeRequest>;
type MergeView = z.infer<typeof mergeRequestSchema>;

const viewOf = (m: MergeItem): MergeView => ({ mergeId: m.mergeId, wechatMemberId: m.wechatMemberId, phoneMemberId: m.phoneMemberId, createdAt: m.createdAt, status: m.status });

const mergeNotFound = (mergeId: string) => notFound(msg(`没有合并申请 ${mergeId}`, `No merge request ${mergeId}`));

/** What the merge queue shows a scope (as `listOpenMerges` filters it): the chain everything, else requests with either member homed in scope. */
async function visibleTo(tableName: string, scope: StaffScope, m: MergeItem): Promise<boolean> {
  const inScope = await storeIdsInScope(tableName, scope);
  if (inScope === 'all') return true;
  const homes = await homeStoresOf(tableName, [m.wechatMemberId, m.phoneMemberId]);
  return [m.wechatMemberId, m.phoneMemberId].some((id) => {
    const home = homes.get(id);
    return !!home && inScope.has(home);
  });
}

/**
 * Rejects an open merge request. A request the caller's scope can't see in the queue is a 404, as an unknown one
 * is. A request already decided is a 409, except for a retry of this very rejection (same account, same note),
 * which answers as the first did. The decision is audited once per member (`member:<wechat>` and
 * `member:<phone>`), so each member's timeline and the audit log by target show it.
 */
export async function rejectMerge(config: AppConfig, staff: StaffPrincipal, mergeId: string, note: string): Promise<MergeView> {
  const t = config.tableName;
  const [wechatMemberId, phoneMemberId] = mergeId.split('-');
  const key = keys.mergeRequest(wechatMemberId, phoneMemberId);
  const found = mergeRequest.parse(await getConsistent(t, key));
  if (!found || !(await visibleTo(t, viewScope(staff), found))) throw mergeNotFound(mergeId);

  const decided = (m: MergeItem): MergeView => {
    if (m.status === 'rejected' && m.decidedBy === staff.sub && m.note === note) return viewOf(m);
    throw conflict(msg(`合并申请 ${mergeId} 已处理（${m.status === 'rejected' ? '已拒绝' : '已合并'}）`, `Merge request ${mergeId} was already decided (${m.status})`), undefined, { status: m.status });
  };
  if (found.status !== 'open') return decided(found);

  const at = nowIso();
  const actor = actorOf(staff);
  const before = { status: 'open' as const };
  const after = { status: 'rejected' as const, mergeId, wechatMemberId, phoneMemberId, note };
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: t,
              Key: key,
              UpdateExpression: 'SET #status = :rejected, decidedAt = :at, decidedBy = :by, note = :note REMOVE GSI1PK, GSI1SK',
              ConditionExpression: 'attribute_exists(PK) AND #status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':rejected': 'rejected', ':open': 'open', ':at': at, ':by': staff.sub, ':note': note },
            },
          },
          auditPut(t, actor, 'merge.reject', `member:${wechatMemberId}`, before, after),
          auditPut(t, actor, 'merge.reject', `member:${phoneMemberId}`, before, after),
          // The shopper's card stops saying a merge is pending (the flag was set when the request was queued).
          { Update: { TableName: t, Key: keys.member(wechatMemberId), UpdateExpression: 'SET mergePending = :false', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':false': false } } },
        ],
      }),
    );
  } catch (err) {
    // Decided meanwhile (by this very request's twin, or by someone else).
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') {
      const now = mergeRequest.parse(await getConsistent(t, key));
      if (!now) throw mergeNotFound(mergeId);
      return decided(now);
    }
    throw err;
  }
  return { ...viewOf(found), status: 'rejected' };
}
