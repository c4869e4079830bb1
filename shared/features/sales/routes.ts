import * as z from 'zod';
import { route, channel, member, pos, staff } from '../../route-def';
import { purchasesQuery, purchasesResponse, receiptParams, receiptViewSchema, registerDayQuery, registerDayResponse, channelPlatformSchema, quoteRequest, quoteResponse, returnRequest, returnResultSchema, saleRequest, saleResultSchema } from './schemas';

/** Sales, returns and quotes at the register, and orders pushed by platforms. */
export const salesRoutes = {
  recordSale: route({ method: 'POST', path: '/pos/sales', group: 'pos', auth: pos, takesMemberCode: true, spends: true, scope: 'register', summary: 'Record a sale: earn points, take a points payment, redeem coupons (with the member’s presence), in one transaction; idempotent per store and receipt', body: saleRequest, response: saleResultSchema, errors: [404, 409] }),
  recordReturn: route({ method: 'POST', path: '/pos/returns', group: 'pos', auth: pos, scope: 'register', summary: 'Return a sale (whole or some lines): reverse its points, give back points it spent; a whole return gives its coupons back, a partial one may take a coupon’s discount back from the refund', body: returnRequest, response: returnResultSchema, errors: [404, 409] }),
  quoteBasket: route({ method: 'POST', path: '/pos/quote', group: 'pos', auth: pos, takesMemberCode: true, scope: 'register', summary: 'What the member may use on a basket, in order: tier discount, coupons (usable ones, the best combination, a reason for each other), points deduction', body: quoteRequest, response: quoteResponse, errors: [404] }),
  registerDayReport: route({ method: 'GET', path: '/staff/reports/registers', group: 'staff', auth: staff('admin', 'ops'), scope: 'list', summary: 'Each register’s business day: sales posted, members identified, joins, points issued and redeemed', query: registerDayQuery, response: registerDayResponse }),
  myPurchases: route({ method: 'GET', path: '/me/purchases', group: 'shopper', auth: member, summary: 'The member’s sales and returns, newest first: store, time, amount, points earned and paid, pending or available', query: purchasesQuery, response: purchasesResponse }),
  myReceipt: route({ method: 'GET', path: '/me/purchases/{storeId}/{receiptNo}', group: 'shopper', auth: member, summary: 'One of the member’s receipts with its lines (another member’s, or none: 404)', params: receiptParams, response: receiptViewSchema, errors: [404] }),
  channelOrder: route({ method: 'POST', path: '/channels/{platform}/orders', group: 'channel', auth: channel, summary: 'An order pushed by a delivery/e-commerce platform (signed), recorded as a sale', params: z.object({ platform: channelPlatformSchema }), body: z.record(z.string(), z.unknown()), response: saleResultSchema, errors: [404, 409] }),
};
