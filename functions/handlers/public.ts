import { buildOpenApiDocument } from '../../shared/openapi';
import { routeGroupHandler } from '../commons/http';
import { nowIso } from '../commons/clock';
import { getSettings } from '../services/settings';
import { pointsRules } from '../services/points';
import { resolveScene } from '../services/stores';
import { sendOtp, signInWithWechat, verifyOtp } from '../services/sign-in';
import { signInStaff } from '../services/staff-accounts';

/** Lambda for the public routes: sign-in, the join scene, the API description. */
let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = routeGroupHandler('public', {
  openapi: async () => (openApiDocument ??= buildOpenApiDocument({ publicUrl: process.env.API_PUBLIC_URL || undefined })) as unknown as Record<string, unknown>,
  health: async () => ({ ok: true as const, time: nowIso() }),
  publicInfo: async ({ config }) => {
    const settings = await getSettings(config.tableName);
    return { chainName: settings.chainName, consent: settings.consent, devSignIn: config.devSignIn, wechatSignIn: config.wechat !== null };
  },
  sceneInfo: async ({ config, params }) => {
    const [scene, settings] = await Promise.all([resolveScene(config.tableName, params.scene), getSettings(config.tableName)]);
    return {
      scene: scene.scene,
      store: { storeId: scene.storeId, name: scene.storeName },
      registerId: scene.registerId,
      consent: settings.consent,
      chainName: settings.chainName,
    };
  },
  wechatSignIn: async ({ config, body }) => signInWithWechat(config, body.code),
  devSendOtp: async ({ config, body }) => sendOtp(config, body.phone),
  devVerifyOtp: async ({ config, body }) => verifyOtp(config, body.phone, body.code),
  staffLogin: async ({ config, body, sourceIp }) => signInStaff(config, body, sourceIp),
  pointsRules: async ({ config }) => pointsRules(config),
});
