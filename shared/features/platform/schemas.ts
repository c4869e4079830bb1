import * as z from 'zod';
import { i18nTextSchema, isoInstant } from '../../schemas';

/** What the API says about itself: liveness and the public facts the apps start from. */

export const publicInfoResponse = z.object({
  chainName: i18nTextSchema,
  consent: z.object({ privacyPolicyVersion: z.string(), termsVersion: z.string() }),
  devSignIn: z.boolean(),
  wechatSignIn: z.boolean(),
});

export const healthResponse = z.object({ ok: z.literal(true), time: isoInstant });
