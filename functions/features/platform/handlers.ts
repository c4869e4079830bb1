import { buildOpenApiDocument } from '../../../shared/openapi';
import type { platformRoutes } from '../../../shared/features/platform/routes';
import type { FeatureImpls } from '../../commons/http';
import { nowIso } from '../../commons/clock';
import { getSettings } from '../settings/settings';

let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

export const publicRoutes: FeatureImpls<typeof platformRoutes, 'public'> = {
  openapi: async () => (openApiDocument ??= buildOpenApiDocument({ publicUrl: process.env.API_PUBLIC_URL || undefined })) as unknown as Record<string, unknown>,
  health: async () => ({ ok: true as const, time: nowIso() }),
  publicInfo: async ({ config }) => {
    const settings = await getSettings(config.tableName);
    return { chainName: settings.chainName, consent: settings.consent, devSignIn: config.devSignIn, wechatSignIn: config.wechat !== null };
  },
};
