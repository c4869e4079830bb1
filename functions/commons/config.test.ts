import { getConfig, resetConfig } from './config';

describe('config', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetConfig();
  });

  it('derives five distinct 32-byte keys from a root key (the cloud secret)', async () => {
    Object.assign(process.env, { TABLE_NAME: 't', APP_SECRETS_JSON: JSON.stringify({ rootKey: 'r'.repeat(64) }) });
    const { keys, wechat, devSignIn } = await getConfig();
    const all = [keys.token, keys.field, keys.blindIndex, keys.memberCode, keys.releasedIdentity].map((k) => Buffer.from(k).toString('hex'));
    expect(new Set(all).size).toBe(5);
    for (const k of all) expect(k).toHaveLength(64);
    expect(wechat).toBeNull();
    expect(devSignIn).toBe(false);
  });

  it('locally, the released-identity key is a key of its own (rule 15.4): without it the keys are refused', async () => {
    const own = { tokenSecret: 't'.repeat(32), fieldKey: 'f'.repeat(32), blindIndexKey: 'b'.repeat(32), memberCodeKey: 'm'.repeat(32) };
    Object.assign(process.env, { TABLE_NAME: 't', APP_SECRETS_JSON: JSON.stringify(own) });
    await expect(getConfig()).rejects.toThrow();
    resetConfig();
    Object.assign(process.env, { APP_SECRETS_JSON: JSON.stringify({ ...own, releasedIdentityKey: 'r'.repeat(32) }) });
    const { keys } = await getConfig();
    expect(Buffer.compare(keys.releasedIdentity, keys.blindIndex)).not.toBe(0);
  });

  it('connects WeChat only with both the app id and its secret', async () => {
    Object.assign(process.env, {
      TABLE_NAME: 't',
      WECHAT_APP_ID: 'wx1',
      APP_SECRETS_JSON: JSON.stringify({ rootKey: 'r'.repeat(64), wechatAppSecret: 's' }),
    });
    expect((await getConfig()).wechat).toEqual({ appId: 'wx1', appSecret: 's', baseUrl: 'https://api.weixin.qq.com' });
  });

  it('fails clearly without keys', async () => {
    Object.assign(process.env, { TABLE_NAME: 't' });
    delete process.env.APP_SECRETS_JSON;
    delete process.env.APP_SECRET_ARN;
    await expect(getConfig()).rejects.toThrow('APP_SECRETS_JSON or APP_SECRET_ARN must be set');
  });
});
