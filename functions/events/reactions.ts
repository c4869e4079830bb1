import { memberReactions } from '../features/members/reactions';
import { pointsReactions } from '../features/points/reactions';
import { salesReactions } from '../features/sales/reactions';
import { couponsReactions } from '../features/coupons/reactions';
import type { Reaction } from './reaction';
import { businessMetricsReaction } from './metrics';

/** Every feature's reactions to domain events: one line per feature. */
export const allReactions: readonly Reaction[] = [...memberReactions, ...pointsReactions, ...salesReactions, ...couponsReactions, businessMetricsReaction];
