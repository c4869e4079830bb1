/**
 * For one-off commands (`npm run job`, `npm run reconcile`): the database of a running `npm start` if there is
 * one, else DynamoDB Local started on `.data/` for the duration of the command. Sets the handlers' environment.
 */
import { JavaMissingError, localDynamoClient, pingDynamo, startDynamoLocal, type DynamoLocal } from './dynamo';
import { applyLocalEnv, DATA_DIR, DYNAMO_PID_FILE, isAlive, loadOrCreateSecrets, LocalSetupError, readStackFile, TABLE_NAME } from './env';
import { ensureTable } from './table';

export async function openLocalDatabase(tag: string): Promise<{ endpoint: string; tableName: string; close(): Promise<void> }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // An explicit target (tests, or a copy of a real table in DynamoDB Local) wins over the local stack.
  const target = { endpoint: process.env.TARGET_DYNAMODB_ENDPOINT, tableName: process.env.TARGET_TABLE_NAME };
  if (target.endpoint && target.tableName) {
    applyLocalEnv({ endpoint: target.endpoint, secrets: loadOrCreateSecrets(), tableName: target.tableName });
    return { endpoint: target.endpoint, tableName: target.tableName, close: async () => undefined };
  }
  let own: DynamoLocal | undefined;
  let endpoint: string;
  let secrets = loadOrCreateSecrets();
  const running = readStackFile();
  if (running && isAlive(running.pid) && (await pingDynamo(running.endpoint))) {
    endpoint = running.endpoint;
    if (running.secrets) secrets = running.secrets; // an in-memory stack has its own keys
    console.log(`[${tag}] using the running local stack's database (${endpoint}${running.memory ? ', in memory' : ''})`);
  } else if (running && isAlive(running.pid)) {
    // Its java may still hold .data/; a second one on the same file would corrupt it.
    throw new LocalSetupError(`a local stack (pid ${running.pid}) is running but its database ${running.endpoint} does not answer; try again`);
  } else {
    own = await startDynamoLocal({ port: 0, dataDir: DATA_DIR, pidFile: DYNAMO_PID_FILE });
    endpoint = own.endpoint;
    console.log(`[${tag}] started DynamoDB Local on ${DATA_DIR} (${endpoint})`);
  }
  const tableName = running?.tableName ?? TABLE_NAME;
  applyLocalEnv({ endpoint, secrets, tableName });
  const client = localDynamoClient(endpoint);
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
  return { endpoint, tableName, close: async () => void (await own?.stop()) };
}

/** Runs a one-off command: exits with its code; a setup problem (no Java, a busy stack) is printed without a stack trace. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof JavaMissingError || err instanceof LocalSetupError ? err.message : (err as Error)?.stack ?? String(err));
      process.exit(1);
    },
  );
}
