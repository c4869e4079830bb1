import { memberReactions } from '../services/member-reactions';
import { pointsReactions } from '../services/points-reactions';
import type { Reaction } from './reaction';

/** Every feature's reactions to domain events: one line per feature. */
export const allReactions: readonly Reaction[] = [...memberReactions, ...pointsReactions];
