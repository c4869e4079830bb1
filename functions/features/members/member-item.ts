import type { ItemOf } from '../../commons/entity';
import type { member } from './entities';

/** A member as stored (the PROFILE item): what joining writes and every member feature reads (declared in ./entities.ts). */
export type MemberItem = ItemOf<typeof member>;
