import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { lastDevOtp } from '../functions/adapters/dev-sms';
import { keys } from '../functions/commons/keys';
import { beforeNote, closedLoop, ratioReport, type BenchReport, type RatioRow } from './harness';
import { startBenchSystem } from './local-system';

/**
 * POST /pos/identify through the local API (HTTP, zod, token check, member-code MAC, handler) against DynamoDB
 * requests sent straight from this process: the baseline (unchanged) reads what an identification read before
 * issue 7 §6 (the session in one BatchGetItem, then the failure window and the member); the floor baseline reads
 * what it reads now (all four items in one consistent BatchGetItem).
 */
const MEMBERS = 200;
const OPS = 4000;

export async function memberIdentify(): Promise<BenchReport> {
  const sys = await startBenchSystem();
  try {
    const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
    const memberTokens: string[] = [];
    const memberIds: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const phone = `139${String(i).padStart(8, '0')}`;
      await sys.client().call('devSendOtp', { body: { phone } });
      const s = await sys.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
      const joined = await sys.client(s.token).call('join', { body: { consent } });
      memberTokens.push(joined.token);
      memberIds.push(joined.card.memberId);
    }
    const cashier = sys.client((await sys.client().call('staffLogin', { body: { username: 'cashier', password: 'cashier-demo-2026', registerId: 'S001-R1' } })).token);
    const rows: RatioRow[] = [];
    for (const concurrency of [32, 64]) {
      const codes = await Promise.all(memberTokens.map(async (t) => (await sys.client(t).call('myCode')).code));
      await closedLoop(concurrency, 500, (i) => cashier.call('identifyMember', { body: { code: codes[i % MEMBERS] } }).then(() => undefined)); // warm-up
      const api = await closedLoop(concurrency, OPS, (i) => cashier.call('identifyMember', { body: { code: codes[i % MEMBERS] } }).then(() => undefined));
      const window = Math.floor(Date.now() / 1000 / 60);
      const raw = await closedLoop(concurrency, OPS, async (i) => {
        // The cashier's account and session (exact revocation), then the failure window and the member.
        await sys.raw.send(new BatchGetCommand({ RequestItems: { [sys.tableName]: { Keys: [keys.staff('cashier'), keys.staffSession('cashier', 'bench')], ConsistentRead: true } } }));
        await sys.raw.send(new GetCommand({ TableName: sys.tableName, Key: keys.rateWindow('member-code-fail', 'staff:cashier', window) }));
        await sys.raw.send(new GetCommand({ TableName: sys.tableName, Key: keys.member(memberIds[i % MEMBERS]) }));
      });
      // The floor: what an identification reads now, all four items in one consistent BatchGetItem.
      const floor = await closedLoop(concurrency, OPS, async (i) => {
        const Keys = [keys.staff('cashier'), keys.staffSession('cashier', 'bench'), keys.rateWindow('member-code-fail', 'staff:cashier', window), keys.member(memberIds[i % MEMBERS])];
        await sys.raw.send(new BatchGetCommand({ RequestItems: { [sys.tableName]: { Keys, ConsistentRead: true } } }));
      });
      if (api.errors) throw new Error(`${api.errors} identify requests failed`);
      rows.push({ concurrency, api, raw, floor });
    }
    return ratioReport(
      rows,
      'identify',
      `Identifying a member by the rotating code at the register (\`POST /pos/identify\`), ${OPS} requests per level over ${MEMBERS} members, through the local API (HTTP server → API Gateway v2 event → middy/zod → jose token check → member-code MAC → DynamoDB). The baseline (unchanged, the yardstick of the target ratio ≥ 0.9 at 64) sends what an identification read before issue 7 §6, straight from the benchmark process: the cashier's account and session (one consistent \`BatchGetItem\`: a changed or disabled account is refused on its next request), the cashier's wrong-code window and the member (two \`GetItem\`s). The floor baseline reads what it reads now: the four items in one consistent \`BatchGetItem\`.`,
      [
        'Issue 7 §6: an identification is one round trip (the session read together with the failure window and the member), so the ratio to the baseline passes 1; the ratio to the floor baseline is the API\'s own overhead (HTTP, the event, zod, the token and the code\'s MACs, JSON), which on this 2-core machine takes CPU from DynamoDB Local and the load generator.',
        ...beforeNote('member-identify', rows, 'identifications'),
      ],
    );
  } finally {
    await sys.stop();
  }
}
