import { routeGroupHandler } from '../commons/http';
import * as members from '../features/members/handlers';
import * as privacy from '../features/members/privacy-handlers';
import * as points from '../features/points/handlers';
import * as sales from '../features/sales/handlers';
import * as coupons from '../features/coupons/handlers';

/** Lambda for the shopper's own routes; the member is always the caller's, from the token. One line per feature. */
export const handler = routeGroupHandler(
  'shopper',
  {
    ...members.shopperRoutes,
    ...privacy.shopperRoutes,
    ...points.shopperRoutes,
    ...sales.shopperRoutes,
    ...coupons.shopperRoutes,
  },
  // A session whose membership has ended (deleted at the member's request) is refused on every route but the deletion's own.
  // The card and a coupon claim read the member first anyway and refuse an ended membership themselves.
  { memberSession: privacy.memberSession, sessionWithFirstRead: ['myCard', 'claimCoupon'] },
);
