/**
 * Creates the single table from `tableDefinition` (the same shape the CDK stack deploys), or brings an existing
 * local table up to date: missing GSIs are added and TTL is switched on. Safe to call on every start.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../functions/commons/keys';

export interface EnsureTableResult {
  created: boolean;
  addedIndexes: string[];
  /** True when this call switched TTL on (first run, or a table from before TTL). */
  ttlTurnedOn: boolean;
  /** True when this call switched the stream on (a table from before domain events). */
  streamTurnedOn: boolean;
}

type Gsi = (typeof tableDefinition.globalSecondaryIndexes)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every key attribute is a string in this design. */
const attr = (name: string): AttributeDefinition => ({ AttributeName: name, AttributeType: 'S' });

const gsiSpec = (g: Gsi) => ({
  IndexName: g.indexName,
  KeySchema: [
    { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
    ...(g.sortKey ? [{ AttributeName: g.sortKey, KeyType: 'RANGE' as const }] : []),
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/** DynamoDB Local is ACTIVE at once; real DynamoDB takes a while, so wait either way. */
async function waitActive(client: DynamoDBClient, tableName: string, timeoutMs = 120_000): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = await describe(client, tableName);
    const indexesActive = (t?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (t?.TableStatus === 'ACTIVE' && indexesActive) return t;
    if (Date.now() > deadline) throw new Error(`table ${tableName} not ACTIVE after ${timeoutMs} ms`);
    await sleep(200);
  }
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<EnsureTableResult> {
  const d = tableDefinition;
  let created = false;
  let table = await describe(client, tableName);
  if (!table) {
    const names = new Set<string>([d.partitionKey, d.sortKey]);
    for (const g of d.globalSecondaryIndexes) {
      names.add(g.partitionKey);
      if (g.sortKey) names.add(g.sortKey);
    }
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...names].map(attr),
          KeySchema: [
            { AttributeName: d.partitionKey, KeyType: 'HASH' },
            { AttributeName: d.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: d.globalSecondaryIndexes.map(gsiSpec),
          // The stream the domain events will be read from, as the CDK stack gives the cloud table.
          StreamSpecification: { StreamEnabled: true, StreamViewType: d.streamViewType },
        }),
      );
      created = true;
    } catch (err) {
      // Two starters raced (e.g. test setup and `npm run job`): the other one created it; carry on.
      if ((err as { name?: string }).name !== 'ResourceInUseException') throw err;
    }
  }
  table = await waitActive(client, tableName);

  // GSIs added to tableDefinition after the local table was made. DynamoDB allows one index creation per UpdateTable.
  const addedIndexes: string[] = [];
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const g of d.globalSecondaryIndexes) {
    if (existing.has(g.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [attr(g.partitionKey), ...(g.sortKey ? [attr(g.sortKey)] : [])],
        GlobalSecondaryIndexUpdates: [{ Create: gsiSpec(g) }],
      }),
    );
    addedIndexes.push(g.indexName);
    await waitActive(client, tableName);
  }

  // A table made before the stream was part of the definition (an older `.data/`) gets it now.
  let streamTurnedOn = false;
  if (!table.StreamSpecification?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: d.streamViewType } }));
    await waitActive(client, tableName);
    streamTurnedOn = true;
  }

  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  const ttlTurnedOn = status !== 'ENABLED' && status !== 'ENABLING';
  if (ttlTurnedOn) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: d.ttlAttribute, Enabled: true },
      }),
    );
  }
  return { created, addedIndexes, ttlTurnedOn, streamTurnedOn };
}
