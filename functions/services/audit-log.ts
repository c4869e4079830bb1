import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../commons/keys';
import { ddb } from '../commons/dynamodb';
import { badRequest } from '../commons/errors';
import { businessDay } from '../commons/clock';

/** Reading the audit log: one business day, or one actor across days, newest first, paged by cursor. */
export async function listAudit(tableName: string, q: { date?: string; actor?: string; cursor?: string; limit: number }) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  if (q.cursor) {
    try {
      ExclusiveStartKey = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8'));
    } catch {
      throw badRequest('VALIDATION_FAILED', 'Invalid cursor', [{ path: ['query', 'cursor'], message: 'not a cursor this API returned' }]);
    }
  }
  const byActor = q.actor !== undefined;
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName,
      ...(byActor
        ? { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditByActor(q.actor!) } }
        : { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditDay(q.date ?? businessDay()) } }),
      ScanIndexForward: false,
      Limit: q.limit,
      ExclusiveStartKey,
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => ({ at: i.at, actor: i.actor, role: i.role, action: i.action, target: i.target, before: i.before ?? null, after: i.after ?? null })),
    cursor: out.LastEvaluatedKey ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url') : null,
  };
}
