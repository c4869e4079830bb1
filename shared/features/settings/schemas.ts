import * as z from 'zod';
import { isoInstant } from '../../schemas';
import { chainSettingsSchema } from '../../settings';

/** The chain settings document as the API reads and writes it. */

/** The settings document is versioned: an edit sends the version it read and is refused if another landed since. */
export const settingsVersionSchema = z.number().int().min(0);
export const settingsResponse = z.object({ settings: chainSettingsSchema, updatedAt: isoInstant.nullable(), version: settingsVersionSchema });
export const updateSettingsRequest = z.object({ settings: chainSettingsSchema, version: settingsVersionSchema });

