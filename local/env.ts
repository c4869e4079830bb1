/**
 * What `npm start` and `npm run job` share: the `.data/` layout, the app secrets and the environment the Lambda
 * handlers read. Both must set the same variables, or a job would not read what the API wrote.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A problem the user can fix (printed without a stack trace). */
export class LocalSetupError extends Error {
  name = 'LocalSetupError';
}

export const REPO_ROOT = path.resolve(__dirname, '..');
/** Git-ignored; holds the DynamoDB Local database file, the secrets and the running stack's address. */
export const DATA_DIR = path.join(REPO_ROOT, '.data');
export const SECRETS_FILE = path.join(DATA_DIR, 'secrets.json');
export const STACK_FILE = path.join(DATA_DIR, 'local-stack.json');
export const DYNAMO_PID_FILE = path.join(DATA_DIR, 'dynamodb.pid');
export const TABLE_NAME = 'membership-local';
export const DEFAULT_DYNAMO_PORT = 8000;
export const DEFAULT_API_PORT = 3000;
export const DEFAULT_APP_PORT = 5173;
export const DEFAULT_CONSOLE_PORT = 5180;

/** The keys the handlers expect in APP_SECRETS_JSON (in the cloud they come from Secrets Manager). */
export interface AppSecrets {
  tokenSecret: string;
  fieldKey: string;
  blindIndexKey: string;
  memberCodeKey: string;
  releasedIdentityKey: string;
  [key: string]: string;
}
const SECRET_NAMES = ['tokenSecret', 'fieldKey', 'blindIndexKey', 'memberCodeKey', 'releasedIdentityKey'] as const;

const randomKey = () => randomBytes(32).toString('base64');

export function newSecrets(): AppSecrets {
  return Object.fromEntries(SECRET_NAMES.map((n) => [n, randomKey()])) as AppSecrets;
}

/**
 * The persistent run keeps its keys in `.data/secrets.json`: new keys would make the stored (encrypted) phone
 * numbers unreadable and every issued token invalid. A key added later is generated and saved.
 */
export function loadOrCreateSecrets(file = SECRETS_FILE): AppSecrets {
  let secrets: Partial<AppSecrets> = {};
  try {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  const missing = SECRET_NAMES.filter((n) => typeof secrets[n] !== 'string' || !secrets[n]);
  if (missing.length) {
    for (const n of missing) secrets[n] = randomKey();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }
  return secrets as AppSecrets;
}

/** Set before the handlers are imported: they may read their configuration at module load. */
export function applyLocalEnv(opts: { endpoint: string; secrets: AppSecrets; tableName?: string }): void {
  Object.assign(process.env, {
    TABLE_NAME: opts.tableName ?? TABLE_NAME,
    DYNAMODB_ENDPOINT: opts.endpoint,
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    APP_SECRETS_JSON: JSON.stringify(opts.secrets),
    DEV_SIGN_IN: '1',
    STAGE: 'local',
    // EMF metric lines are for CloudWatch; locally they would only crowd the log (set it to false to see them).
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  // A developer's real session token or profile must not mix with the local keys.
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

/** `.data/local-stack.json`: lets `npm run job` use the database of a running `npm start`. */
export interface StackFile {
  endpoint: string;
  apiUrl: string;
  appUrl?: string;
  pid: number;
  memory: boolean;
  tableName: string;
  /** Only for an in-memory stack, whose keys are not in secrets.json. */
  secrets?: AppSecrets;
}

export function readStackFile(file = STACK_FILE): StackFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as StackFile;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
