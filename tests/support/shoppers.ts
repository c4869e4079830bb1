import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { nowIso } from '../../functions/commons/clock';
import type { TestApi } from './test-api';

/** A signed-in, joined shopper: returns the member id and a member session. */
export async function joinShopper(api: TestApi, phone: string, scene?: string) {
  await api.client().call('devSendOtp', { body: { phone } });
  const s = await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  const joined = await api.client(s.token).call('join', { body: { consent: { accepted: true, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' }, scene } });
  return { memberId: joined.card.memberId, token: joined.token, client: api.client(joined.token) };
}

/** A fresh member session (tokens expire, and tests travel in time). */
export async function signInAgain(api: TestApi, phone: string) {
  await api.client().call('devSendOtp', { body: { phone } });
  const s = await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  return api.client(s.token);
}

export async function staffToken(api: TestApi, username: string, password: string, registerId?: string) {
  return (await api.client().call('staffLogin', { body: { username, password, registerId } })).token;
}

let receipt = 0;
/** A one-line sale of `yuan` at S001, paid in cash unless points are given. */
export function saleOf(memberId: string | null, yuan: number, opts: { soldAt?: string; points?: number; category?: string; receiptNo?: string; qty?: number } = {}) {
  const totalFen = Math.round(yuan * 100);
  const qty = opts.qty ?? 1;
  const pointsFen = opts.points ? opts.points : 0; // 100 points = 1 yuan = 100 fen
  return {
    receiptNo: opts.receiptNo ?? `R${Date.now().toString(36)}${++receipt}`,
    storeId: 'S001',
    registerId: 'S001-R1',
    soldAt: opts.soldAt ?? nowIso(),
    lines: [{ lineNo: 1, sku: 'SKU1', category: opts.category ?? 'grocery', qtyMilli: qty * 1000, unitPriceFen: totalFen / qty, lineDiscountFen: 0 }],
    payments: [
      ...(totalFen - pointsFen > 0 ? [{ method: 'cash' as const, amountFen: totalFen - pointsFen }] : []),
      ...(opts.points ? [{ method: 'points' as const, amountFen: pointsFen, points: opts.points }] : []),
    ],
    ...(memberId ? { member: { memberId } } : {}),
  };
}
