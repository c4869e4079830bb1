import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { installCostMeter } from './cost-meter';

/** One item of a TransactWriteItems (Put, Update, Delete or ConditionCheck), as the document client takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One document client per container; DYNAMODB_ENDPOINT points it at DynamoDB Local. */
let client: DynamoDBDocumentClient | undefined;

export function ddb(): DynamoDBDocumentClient {
  if (!client) {
    const base = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined, maxAttempts: 5 });
    // The cost benchmark counts round trips and capacity units from inside the API process.
    if (process.env.COST_METER === '1') installCostMeter(base);
    client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return client;
}

export function resetDdb(): void {
  client = undefined;
}

/** Conditional-check failures inside a transaction, by item index; null when it was not a condition failure. */
export function cancellationReasons(err: unknown): Array<string | undefined> | null {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name !== 'TransactionCanceledException') return null;
  return (e.CancellationReasons ?? []).map((r) => r.Code);
}

export function isConditionFailure(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}
