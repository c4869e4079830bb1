import * as z from 'zod';
import { defineEntity } from '../../commons/entity';
import { keys } from '../../commons/keys';

export const settingsDocument = defineEntity({
  name: 'Settings',
  feature: 'settings',
  layout: { PK: 'SETTINGS', SK: 'CHAIN' },
  patterns: ['chain settings (cached 60 s per container)', '`version`: an edit is written only if the version it read is still current'],
  memberData: 'none',
  key: keys.settings,
  sample: { key: [] },
  schema: z.looseObject({ settings: z.unknown(), updatedAt: z.string().optional(), version: z.number().int().optional() }),
});

export const settingsEntities = [settingsDocument];
