import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../commons/keys';
import { ddb } from '../commons/dynamodb';
import { issueCursor, readCursor } from '../commons/cursor';
import { businessDay } from '../commons/clock';

/** Reading the audit log: one business day, or one actor across days, newest first, paged by cursor. */
export async function listAudit(tableName: string, q: { date?: string; actor?: string; cursor?: string; limit: number }) {
  const byActor = q.actor !== undefined;
  const day = q.date ?? businessDay();
  // A cursor pages only the day or the actor it was issued for.
  const cursorScope = byActor ? `audit:actor:${q.actor}` : `audit:day:${day}`;
  const ExclusiveStartKey = await readCursor(cursorScope, q.cursor);
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName,
      ...(byActor
        ? { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditByActor(q.actor!) } }
        : { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditDay(day) } }),
      ScanIndexForward: false,
      Limit: q.limit,
      ExclusiveStartKey,
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => ({ at: i.at, actor: i.actor, role: i.role, action: i.action, target: i.target, before: i.before ?? null, after: i.after ?? null })),
    cursor: await issueCursor(cursorScope, out.LastEvaluatedKey),
  };
}
