import { startDynamoLocal, type DynamoLocal } from '../../local/dynamo';

/**
 * One in-memory DynamoDB Local for the whole run (integration and e2e projects share it). Each test file
 * makes its own table, so files can run in parallel without seeing each other's data.
 */
declare global {
  // eslint-disable-next-line no-var
  var __dynamoLocal: DynamoLocal | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (globalThis.__dynamoLocal) return;
  const dynamo = await startDynamoLocal({});
  globalThis.__dynamoLocal = dynamo;
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
}
