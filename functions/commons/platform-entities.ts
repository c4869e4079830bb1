import * as z from 'zod';
import { defineEntity } from './entity';
import { keys } from './keys';

/** Items the platform keeps for every feature: rate-limit windows, job watermarks, reaction receipts. */
export const rateWindow = defineEntity({
  name: 'Rate-limit window',
  feature: 'platform',
  layout: { PK: 'RATE#<bucket>#<key>#<window>', SK: 'RATE' },
  patterns: ['staff sign-in and wrong member codes, per key per window (TTL)'],
  memberData: 'none',
  key: keys.rateWindow,
  sample: { key: ['<bucket>', '<key>', 9] },
  schema: z.looseObject({ n: z.number().int(), ttl: z.number().int() }),
});
export const jobWatermark = defineEntity({
  name: 'Job watermark',
  feature: 'platform',
  layout: { PK: 'JOBMARK#<job>', SK: 'SHARD#<n>' },
  patterns: ['the last business day a job completed, per shard (catch-up)'],
  memberData: 'none',
  key: keys.jobWatermark,
  sample: { key: ['<job>', 3] },
  schema: z.looseObject({ lastDay: z.string(), completedAt: z.string() }),
});
export const reactionReceipt = defineEntity({
  name: 'Reaction receipt',
  feature: 'platform',
  layout: { PK: 'REACTION#<reaction>#<eventId>', SK: 'REACTION' },
  patterns: ['a reaction handles each domain event once (committed with what it wrote)'],
  memberData: { export: null, onDeletion: 'kept', why: 'a processing receipt naming the member number only' },
  key: keys.reactionReceipt,
  sample: { key: ['<reaction>', '<eventId>'] },
  schema: z.looseObject({ reaction: z.string(), eventId: z.string(), at: z.string() }),
});

export const platformEntities = [rateWindow, jobWatermark, reactionReceipt];
