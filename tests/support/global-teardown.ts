export default async function globalTeardown(): Promise<void> {
  const dynamo = globalThis.__dynamoLocal;
  globalThis.__dynamoLocal = undefined;
  await dynamo?.stop();
}
