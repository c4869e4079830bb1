import { platformEntities } from './commons/platform-entities';
import { membersEntities } from './features/members/entities';
import { pointsEntities } from './features/points/entities';
import { salesEntities } from './features/sales/entities';
import { couponsEntities } from './features/coupons/entities';
import { settingsEntities } from './features/settings/entities';
import { staffEntities } from './features/staff/entities';

/** Every kind of item in the table, by feature: one line per feature. The key table in docs/ARCHITECTURE.md is generated from it. */
export const allEntities = [...platformEntities, ...membersEntities, ...staffEntities, ...settingsEntities, ...pointsEntities, ...salesEntities, ...couponsEntities];
