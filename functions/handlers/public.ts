import { routeGroupHandler } from '../commons/http';
import * as platform from '../features/platform/handlers';
import * as members from '../features/members/handlers';
import * as staff from '../features/staff/handlers';
import * as points from '../features/points/handlers';

/** Lambda for the public routes: sign-in, the join scene, the rules, the API description. One line per feature. */
export const handler = routeGroupHandler('public', {
  ...platform.publicRoutes,
  ...members.publicRoutes,
  ...staff.publicRoutes,
  ...points.publicRoutes,
});
