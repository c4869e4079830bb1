import { routeGroupHandler } from '../commons/http';
import { staffLookups } from './auth-lookups';
import * as members from '../features/members/handlers';
import * as staff from '../features/staff/handlers';
import * as settings from '../features/settings/handlers';
import * as points from '../features/points/handlers';
import * as sales from '../features/sales/handlers';
import * as coupons from '../features/coupons/handlers';

/** Lambda for the staff pages. One line per feature. */
export const handler = routeGroupHandler('staff', {
  ...members.staffRoutes,
  ...staff.staffRoutes,
  ...settings.staffRoutes,
  ...points.staffRoutes,
  ...sales.staffRoutes,
  ...coupons.staffRoutes,
}, { lookups: staffLookups });
