import { routeGroupHandler } from '../commons/http';
import { staffLookups } from './auth-lookups';
import * as members from '../features/members/handlers';
import * as sales from '../features/sales/handlers';
import * as couponRedemption from '../features/coupons/redemption-handlers';

/** Lambda for the register (POS) routes: a cashier's session or the register's own signature. One line per feature. */
export const handler = routeGroupHandler(
  'pos',
  {
    ...members.posRoutes,
    ...sales.posRoutes,
    ...couponRedemption.posRoutes,
  },
  // Each reads the cashier's session with its own first read (one round trip for both) and checks it again at commit.
  { lookups: staffLookups, sessionWithFirstRead: ['identifyMember', 'recordSale', 'recordReturn', 'quoteBasket'] },
);
