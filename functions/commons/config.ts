import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Runtime configuration, read once per container. Keys come from Secrets Manager in the cloud
 * (APP_SECRET_ARN) and from APP_SECRETS_JSON locally; nothing secret is ever in code.
 */
const secretsSchema = z.object({
  tokenSecret: z.string().min(16),
  fieldKey: z.string().min(16),
  blindIndexKey: z.string().min(16),
  memberCodeKey: z.string().min(16),
  wechatAppSecret: z.string().optional(),
});

export interface AppConfig {
  stage: string;
  tableName: string;
  devSignIn: boolean;
  keys: { token: Uint8Array; field: Buffer; blindIndex: Buffer; memberCode: Buffer };
  wechat: { appId: string; appSecret: string; baseUrl: string } | null;
}

/** Keys are base64 (as generated locally) or any long string (as Secrets Manager generates); both are hashed to 32 bytes. */
const toKey = (value: string) => createHash('sha256').update(value).digest();

async function loadSecretsJson(): Promise<string> {
  if (process.env.APP_SECRETS_JSON) return process.env.APP_SECRETS_JSON;
  const arn = process.env.APP_SECRET_ARN;
  if (!arn) throw new Error('APP_SECRETS_JSON or APP_SECRET_ARN must be set');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!out.SecretString) throw new Error('app secret has no SecretString');
  return out.SecretString;
}

async function load(): Promise<AppConfig> {
  const secrets = secretsSchema.parse(JSON.parse(await loadSecretsJson()));
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME must be set');
  const appId = process.env.WECHAT_APP_ID;
  return {
    stage: process.env.STAGE ?? 'dev',
    tableName,
    devSignIn: process.env.DEV_SIGN_IN === '1',
    keys: {
      token: toKey(secrets.tokenSecret),
      field: toKey(secrets.fieldKey),
      blindIndex: toKey(secrets.blindIndexKey),
      memberCode: toKey(secrets.memberCodeKey),
    },
    wechat:
      appId && secrets.wechatAppSecret
        ? { appId, appSecret: secrets.wechatAppSecret, baseUrl: process.env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com' }
        : null,
  };
}

let cached: Promise<AppConfig> | undefined;
export function getConfig(): Promise<AppConfig> {
  cached ??= load().catch((err) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** Tests and the local stack change the environment between runs. */
export function resetConfig(): void {
  cached = undefined;
}
