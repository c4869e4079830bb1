import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What each Lambda actually asks of the table, recorded from inside the process: every DynamoDB command the
 * shared client sends, as the IAM actions it needs (a transaction's items and a batch's keys one by one), the
 * index it reads and the partition keys it touches, attributed to the function whose handler is running
 * (`asFunction(name, …)`, an AsyncLocalStorage scope). Commands sent outside a scope (the seed, the tests' own
 * reads) are attributed to `null` and ignored.
 */
export interface TableAccess {
  fn: string | null;
  action: string;
  index?: string;
  /** The partition key value of the item or of the queried partition (table or index). */
  pk?: string;
}

const scope = new AsyncLocalStorage<string>();
export const asFunction = <T>(name: string, work: () => T): T => scope.run(name, work);

type Av = { S?: string } | string | undefined;
const str = (v: Av): string | undefined => (typeof v === 'string' ? v : v?.S);
const pkOf = (key: Record<string, Av> | undefined) => str(key?.PK);

/** The partition key a Query names: `<attr> = :v` for the table's or the index's partition key attribute. */
function queryPk(input: { IndexName?: string; KeyConditionExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, Av> }) {
  const attr = input.IndexName ? `${input.IndexName}PK` : 'PK';
  for (const m of (input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const name = m[1].startsWith('#') ? input.ExpressionAttributeNames?.[m[1]] : m[1];
    if (name === attr) return str(input.ExpressionAttributeValues?.[m[2]]);
  }
  return undefined;
}

function accessesOf(command: string, input: any): Array<Omit<TableAccess, 'fn'>> {
  switch (command) {
    case 'GetItemCommand':
      return [{ action: 'GetItem', pk: pkOf(input.Key) }];
    case 'PutItemCommand':
      return [{ action: 'PutItem', pk: pkOf(input.Item) }];
    case 'UpdateItemCommand':
      return [{ action: 'UpdateItem', pk: pkOf(input.Key) }];
    case 'DeleteItemCommand':
      return [{ action: 'DeleteItem', pk: pkOf(input.Key) }];
    case 'QueryCommand':
      return [{ action: 'Query', index: input.IndexName, pk: queryPk(input) }];
    case 'ScanCommand':
      return [{ action: 'Scan', index: input.IndexName }];
    case 'BatchGetItemCommand':
      return Object.values(input.RequestItems ?? {}).flatMap((r: any) => (r.Keys ?? []).map((k: any) => ({ action: 'BatchGetItem', pk: pkOf(k) })));
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems ?? {}).flatMap((rs: any) => rs.map((r: any) => ({ action: 'BatchWriteItem', pk: pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key) })));
    case 'TransactWriteItemsCommand':
      return (input.TransactItems ?? []).map((t: any) =>
        t.Put ? { action: 'PutItem', pk: pkOf(t.Put.Item) } : t.Update ? { action: 'UpdateItem', pk: pkOf(t.Update.Key) } : t.Delete ? { action: 'DeleteItem', pk: pkOf(t.Delete.Key) } : { action: 'ConditionCheckItem', pk: pkOf(t.ConditionCheck?.Key) },
      );
    case 'TransactGetItemsCommand':
      return (input.TransactItems ?? []).map((t: any) => ({ action: 'GetItem', pk: pkOf(t.Get?.Key) }));
    default:
      return [{ action: command.replace(/Command$/, '') }];
  }
}

/** Starts recording on the shared client; `stop()` removes the recorder. */
/** Records what every command sent through these clients touches (the document client and the plain one the hot paths use). */
export function recordTableAccess(...clients: Array<DynamoDBDocumentClient | DynamoDBClient>) {
  const accesses: TableAccess[] = [];
  const name = 'tableAccessRecorder';
  for (const client of clients) {
    (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
      (next, context) => async (args) => {
        const fn = scope.getStore() ?? null;
        for (const a of accessesOf(context.commandName ?? 'unknown', args.input)) accesses.push({ fn, ...a });
        return next(args);
      },
      { step: 'initialize', name, override: true },
    );
  }
  return { accesses, stop: () => clients.forEach((c) => c.middlewareStack.remove(name)) };
}

/** The key prefix a `dynamodb:LeadingKeys` pattern names: up to the first `#` (`MEMBER#`), or the whole key. */
export const prefixOf = (pk: string) => (pk.includes('#') ? pk.slice(0, pk.indexOf('#') + 1) : pk);
