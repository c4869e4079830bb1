import { routeGroupHandler, type PosPrincipal } from '../commons/http';
import { identifyMember } from '../services/members';
import { recordReturn } from '../services/returns';
import { quoteBasket, recordSale, type SalePoster } from '../services/sales';

/** Lambda for the register (POS) routes: a cashier's session or the register's own signature. */
const posterOf = (p: PosPrincipal): SalePoster => ({ storeId: p.storeId, registerId: p.registerId, channel: 'pos', caller: p.staff ? `staff:${p.staff.sub}` : undefined, gate: p.staff?.gate ?? null });

export const handler = routeGroupHandler(
  'pos',
  {
    identifyMember: async ({ config, principal, body }) => identifyMember(config, principal, body.code),
    recordSale: async ({ config, principal, body }) => recordSale(config, posterOf(principal), body),
    recordReturn: async ({ config, principal, body }) => recordReturn(config, posterOf(principal), body),
    quoteBasket: async ({ config, principal, body }) => quoteBasket(config, posterOf(principal), body),
  },
  // Each reads the cashier's session with its own first read (one round trip for both) and checks it again at commit.
  { sessionWithFirstRead: ['identifyMember', 'recordSale', 'recordReturn', 'quoteBasket'] },
);
