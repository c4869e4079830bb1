import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { nowIso, nowMs } from '../../functions/commons/clock';
import { memberCodeKeyOf } from '../../functions/commons/config';
import { memberCodePrf } from '../../functions/commons/crypto';
import { encodeMemberCode, MEMBER_CODE_STEP_SECONDS, timeStepOf } from '../../shared/rules/member-code';
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

/** The member code the member's app would show at `atMs` (the same key the API uses, from the test env). */
export function memberCodeFor(memberId: string, atMs = nowMs(), stepOffset = 0): string {
  const key = memberCodeKeyOf(process.env.APP_SECRETS_JSON!);
  return encodeMemberCode(Number(memberId), timeStepOf(atMs) + stepOffset, memberCodePrf(key));
}

/**
 * A code spends once, so a test spending several times for one member needs a fresh code each time: the
 * current step's, then the previous and next ones (all valid now), then sales dated a minute apart backwards
 * (a late sale is checked against its own time).
 */
const spendsByMember = new Map<string, number>();
function presentedFor(memberId: string, soldAt: string | undefined): { soldAt: string; code: string } {
  const at = soldAt ? Date.parse(soldAt) : nowMs();
  // Counted per member and minute: a spend must reach the API within minutes of its time (SPEND_LATE_MAX_MS).
  const key = `${memberId}@${timeStepOf(at)}`;
  const n = spendsByMember.get(key) ?? 0;
  spendsByMember.set(key, n + 1);
  if (n < 3) return { soldAt: soldAt ?? new Date(at).toISOString(), code: memberCodeFor(memberId, at, [0, -1, 1][n]) };
  const earlier = at - (n - 1) * MEMBER_CODE_STEP_SECONDS * 1000;
  return { soldAt: new Date(earlier).toISOString(), code: memberCodeFor(memberId, earlier) };
}

let receipt = 0;
/** A one-line sale of `yuan` at S001, paid in cash unless points are given. */
export function saleOf(memberId: string | null, yuan: number, opts: { soldAt?: string; points?: number; category?: string; receiptNo?: string; qty?: number; member?: { code: string } | { memberId: string } | { phone: string } } = {}) {
  const totalFen = Math.round(yuan * 100);
  // Spending needs the member's presence: a points payment names the member by a fresh code.
  const presented = opts.points && memberId && !opts.member ? presentedFor(memberId, opts.soldAt) : null;
  const qty = opts.qty ?? 1;
  const pointsFen = opts.points ? opts.points : 0; // 100 points = 1 yuan = 100 fen
  return {
    receiptNo: opts.receiptNo ?? `R${Date.now().toString(36)}${++receipt}`,
    storeId: 'S001',
    registerId: 'S001-R1',
    soldAt: presented?.soldAt ?? opts.soldAt ?? nowIso(),
    lines: [{ lineNo: 1, sku: 'SKU1', category: opts.category ?? 'grocery', qtyMilli: qty * 1000, unitPriceFen: totalFen / qty, lineDiscountFen: 0 }],
    payments: [
      ...(totalFen - pointsFen > 0 ? [{ method: 'cash' as const, amountFen: totalFen - pointsFen }] : []),
      ...(opts.points ? [{ method: 'points' as const, amountFen: pointsFen, points: opts.points }] : []),
    ],
    ...(opts.member ? { member: opts.member } : presented ? { member: { code: presented.code } } : memberId ? { member: { memberId } } : {}),
  };
}
