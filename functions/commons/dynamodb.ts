import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, TransactWriteItemsCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { installCostMeter } from './cost-meter';

/** One item of a TransactWriteItems (Put, Update, Delete or ConditionCheck), as the document client takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * DynamoDB Local never throttles and never cancels a transaction for a conflict; the cloud does both. Tests inject
 * them (and lost responses) through this SDK middleware, placed inside the SDK's retry loop as the network would
 * be: `before` fails the call without sending it, `after` sends it and loses the answer. Unset in production.
 */
export type DynamoFaultInjector = (commandName: string, input: Record<string, unknown>) => { before?: Error; after?: Error } | undefined;
let faultInjector: DynamoFaultInjector | undefined;
export function setDynamoFaultInjectorForTests(injector: DynamoFaultInjector | undefined): void {
  faultInjector = injector;
}
type MiddlewareHost = { middlewareStack: { add: (mw: never, opts: { step: 'deserialize'; name: string; priority: 'low' }) => void } };
function installFaults(client: MiddlewareHost): void {
  const mw = (next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
    const fault = faultInjector?.(context.commandName ?? '', args.input);
    if (fault?.before) throw fault.before;
    const out = await next(args);
    if (fault?.after) throw fault.after;
    return out;
  };
  client.middlewareStack.add(mw as never, { step: 'deserialize', name: 'testFaults', priority: 'low' });
}

/** One document client per container; DYNAMODB_ENDPOINT points it at DynamoDB Local. */
let client: DynamoDBDocumentClient | undefined;
let plain: DynamoDBClient | undefined;

export function ddb(): DynamoDBDocumentClient {
  if (!client) {
    const base = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined, maxAttempts: 5 });
    // The cost benchmark counts round trips and capacity units from inside the API process.
    if (process.env.COST_METER === '1') installCostMeter(base);
    installFaults(base as unknown as MiddlewareHost);
    client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return client;
}

/**
 * The calls on the requests' paths (the first read, the snapshot read, the transaction, the member counter) go
 * through a plain client whose middleware stack is resolved once per command type (`cacheMiddleware`, which the
 * document client does not allow), marshalling themselves: about a quarter less CPU per round trip.
 */
export function plainDdb(): DynamoDBClient {
  if (!plain) {
    plain = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined, maxAttempts: 5, cacheMiddleware: true });
    if (process.env.COST_METER === '1') installCostMeter(plain);
    installFaults(plain as unknown as MiddlewareHost);
  }
  return plain;
}

const toAttrs = (value: Record<string, unknown>) => marshall(value, { removeUndefinedValues: true });

/** One consistent BatchGetItem page: the items found and the keys left unprocessed. */
export async function batchGetPage(tableName: string, keys: Array<Record<string, unknown>>): Promise<{ items: Array<Record<string, unknown>>; unprocessed: Array<Record<string, unknown>> }> {
  const out = await plainDdb().send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: keys.map(toAttrs), ConsistentRead: true } } }));
  return {
    items: (out.Responses?.[tableName] ?? []).map((i) => unmarshall(i)),
    unprocessed: (out.UnprocessedKeys?.[tableName]?.Keys ?? []).map((k) => unmarshall(k)),
  };
}

/** One item, read consistently (through the plain client). */
export async function getConsistent(tableName: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const out = await plainDdb().send(new GetItemCommand({ TableName: tableName, Key: toAttrs(key), ConsistentRead: true }));
  return out.Item && unmarshall(out.Item);
}

/** UpdateItem in the document client's shape, returning the attributes asked for (through the plain client). */
export async function updateItem(input: { TableName: string; Key: Record<string, unknown>; UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown>; ReturnValues?: 'UPDATED_NEW' | 'ALL_NEW' }) {
  const out = await plainDdb().send(new UpdateItemCommand({ ...input, Key: toAttrs(input.Key), ExpressionAttributeValues: toAttrs(input.ExpressionAttributeValues) }));
  return out.Attributes && unmarshall(out.Attributes);
}

/** TransactWriteItems with items in the document client's shape (plain values, not attribute values). */
export async function transactWrite(items: Array<Record<string, unknown>>): Promise<void> {
  const TransactItems = items.map((entry) => {
    const [action, body] = Object.entries(entry)[0] as [string, Record<string, unknown>];
    const out: Record<string, unknown> = { ...body };
    if (body.Item) out.Item = toAttrs(body.Item as Record<string, unknown>);
    if (body.Key) out.Key = toAttrs(body.Key as Record<string, unknown>);
    if (body.ExpressionAttributeValues) out.ExpressionAttributeValues = toAttrs(body.ExpressionAttributeValues as Record<string, unknown>);
    return { [action]: out } as Record<string, Record<string, AttributeValue>>;
  });
  await plainDdb().send(new TransactWriteItemsCommand({ TransactItems: TransactItems as never }));
}

export function resetDdb(): void {
  client = undefined;
  plain = undefined;
}

/** Conditional-check failures inside a transaction, by item index; null when it was not a condition failure. */
export function cancellationReasons(err: unknown): Array<string | undefined> | null {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name !== 'TransactionCanceledException') return null;
  return (e.CancellationReasons ?? []).map((r) => r.Code);
}

/** Refused for capacity (after the SDK's own retries): nothing was written, so the same plan may be tried again. */
export function isThrottled(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'ThrottlingException' || name === 'ProvisionedThroughputExceededException' || name === 'RequestLimitExceeded';
}

export function isConditionFailure(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}
