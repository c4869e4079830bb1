import * as z from 'zod';
import { CN_MOBILE, normalizePhone } from './rules/phone';

/**
 * The vocabulary every feature's schemas share: phone, member number, store, register, scene, instants, bilingual
 * text, and the path parameters several features use. A feature's own shapes live in shared/features/<feature>/schemas.ts.
 */

export const phoneSchema = z
  .string()
  .transform(normalizePhone)
  .pipe(z.string().regex(CN_MOBILE, '请输入11位手机号 / enter an 11-digit mainland mobile number'));

export const memberIdSchema = z.string().regex(/^\d{9}$/, 'member number has 9 digits');
export const storeIdSchema = z.string().regex(/^[A-Z0-9-]{2,20}$/);
export const registerIdSchema = z.string().regex(/^[A-Z0-9-]{2,24}$/);
export const sceneSchema = z.string().regex(/^[A-Za-z0-9]{4,32}$/, 'scene is 4–32 letters or digits');
export const isoInstant = z.string().datetime();
/** A business day (Asia/Shanghai), YYYY-MM-DD; the service refuses impossible dates (2026-02-30). */
export const businessDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
/** A report's day range, at most 92 days (a quarter), both ends included. */
export const dayRangeQuery = z.object({ from: businessDaySchema, to: businessDaySchema });
/**
 * An instant a client sends: any RFC 3339 offset (`2026-11-30T23:59:59+08:00`, `…Z`), normalised to UTC
 * (`2026-11-30T15:59:59.000Z`) so it is stored, compared and hashed one way.
 */
export const isoInstantInput = z
  .string()
  .datetime({ offset: true })
  .transform((s) => new Date(s).toISOString());

export const i18nTextSchema = z.object({ zh: z.string(), en: z.string() });

export const usernameSchema = z.string().regex(/^[a-z0-9._-]{3,32}$/, 'username: 3–32 lowercase letters, digits, . _ -');

// ---- path parameters shared by several features ----
export const memberIdParams = z.object({ memberId: memberIdSchema });
export const usernameParams = z.object({ username: usernameSchema });
export const storeIdParams = z.object({ storeId: storeIdSchema });
export const registerParams = z.object({ storeId: storeIdSchema, registerId: registerIdSchema });
export const sceneParams = z.object({ scene: sceneSchema });
