import type { salesRoutes } from '../../../shared/features/sales/routes';
import type { FeatureImpls, PosPrincipal } from '../../commons/http';
import { recordChannelOrder } from './channels';
import { registerDayReport } from './register-day';
import { recordReturn } from './returns';
import { myPurchases, myReceipt } from './purchases';
import { quoteBasket, recordSale, type SalePoster } from './sales';

type Routes = typeof salesRoutes;
/** The register a sale is posted at: a cashier's session there, or the register signing for itself. */
const posterOf = (p: PosPrincipal): SalePoster => ({ storeId: p.storeId, registerId: p.registerId, channel: 'pos', caller: p.staff ? `staff:${p.staff.sub}` : undefined, gate: p.staff?.gate ?? null });

export const posRoutes: FeatureImpls<Routes, 'pos'> = {
  recordSale: async ({ config, principal, body }) => recordSale(config, posterOf(principal), body),
  recordReturn: async ({ config, principal, body }) => recordReturn(config, posterOf(principal), body),
  quoteBasket: async ({ config, principal, body }) => quoteBasket(config, posterOf(principal), body),
};

/** The staff console's register day report. */
export const staffRoutes: FeatureImpls<Routes, 'staff'> = {
  registerDayReport: async ({ config, principal, query }) => registerDayReport(config, principal, query),
};

/** Orders pushed by delivery and e-commerce platforms (each signs with its own key). */
export const channelRoutes: FeatureImpls<Routes, 'channel'> = {
  channelOrder: async ({ config, params, body }) => recordChannelOrder(config, params.platform, body),
};

/** The member's own purchases: the member is the caller's, from the token. */
export const shopperRoutes: FeatureImpls<Routes, 'shopper'> = {
  myPurchases: async ({ config, principal, query }) => myPurchases(config, principal, query),
  myReceipt: async ({ config, principal, params }) => myReceipt(config, principal, params.storeId, params.receiptNo),
};
