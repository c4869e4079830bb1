import { BatchGetCommand, BatchWriteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/commons/keys';
import { beforeNote, closedLoop, combine, ratioReport, type BenchReport, type LoadResult, type RatioRow } from './harness';
import { startBenchSystem, type BenchSystem } from './local-system';

/**
 * `POST /pos/sales` through the local API against DynamoDB requests sent straight from this process. The baseline
 * (unchanged since issue 6) is what a sale needed before issue 7 §6: the cashier's account and session (one
 * consistent BatchGetItem), the receipt check (GetItem), the member with its lots (one consistent GetItem: the
 * snapshot), and one TransactWriteItems (the member guarded by its revision, the sale, the pending points). The
 * floor baseline is what a sale sends now: the account, the session and the member in one consistent
 * BatchGetItem, and one TransactWriteItems with the same items plus the ConditionCheck on the account.
 */
const MEMBERS = 2000;
/** Per round; the API and the raw baseline alternate for ROUNDS rounds, so a busy moment hits both alike. */
const OPS = 800;
const ROUNDS = 3;

async function loadMembers(sys: BenchSystem) {
  const ids = Array.from({ length: MEMBERS }, (_, i) => String(300_000_000 + i));
  for (let i = 0; i < ids.length; i += 25) {
    const batch = ids.slice(i, i + 25).map((memberId) => ({
      PutRequest: { Item: { ...keys.member(memberId), type: 'member', memberId, tier: 'base', status: 'active', joinedAt: new Date().toISOString(), pointsAvailable: 0, pointsPending: 0, storedValueFen: 0, usableCoupons: 0 } },
    }));
    await sys.raw.send(new BatchWriteCommand({ RequestItems: { [sys.tableName]: batch } }));
  }
  return ids;
}

const sale = (receiptNo: string, memberId: string) => ({
  receiptNo,
  storeId: 'S001',
  registerId: 'S001-R1',
  soldAt: new Date().toISOString(),
  lines: [
    { lineNo: 1, sku: 'MILK-1L', category: 'dairy', qtyMilli: 2000, unitPriceFen: 1290, lineDiscountFen: 0 },
    { lineNo: 2, sku: 'APPLE', category: 'fresh', qtyMilli: 1250, unitPriceFen: 1680, lineDiscountFen: 100 },
  ],
  payments: [{ method: 'wechat' as const, amountFen: 2580 + 2100 - 100 }],
  member: { memberId },
});

export async function posIngest(): Promise<BenchReport> {
  // The API runs in its own process, as under `npm start`: the load generator must not share its event loop.
  const sys = await startBenchSystem({ apiProcess: true });
  try {
    const members = await loadMembers(sys);
    const cashier = sys.client((await sys.client().call('staffLogin', { body: { username: 'cashier', password: 'cashier-demo-2026', registerId: 'S001-R1' } })).token);
    const rows: RatioRow[] = [];
    let run = 0;
    for (const concurrency of [32, 64]) {
      const tag = `B${++run}`;
      const t = sys.tableName;
      const member = (i: number) => members[(i * 7 + run * 13) % MEMBERS];
      await closedLoop(concurrency, 300, (i) => cashier.call('recordSale', { body: sale(`${tag}W${i}`, member(i)) }).then(() => undefined));
      const apiRounds: LoadResult[] = [];
      const rawRounds: LoadResult[] = [];
      const floorRounds: LoadResult[] = [];
      const rawTransaction = (memberId: string, receiptNo: string, rev: number, extra: object[] = []) =>
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: t, Key: keys.member(memberId), UpdateExpression: 'SET rawRev = :n, spendByMonth = :s, rawPending = :p, rawLots = :l', ConditionExpression: 'attribute_not_exists(rawRev) OR rawRev = :seen', ExpressionAttributeValues: { ':n': rev + 1, ':seen': rev, ':s': { '2026-11': 4580 }, ':p': 45, ':l': {} } } },
            { Put: { TableName: t, Item: { ...keys.sale('S001', receiptNo), type: 'sale', payload: sale(receiptNo, memberId) }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: t, Item: { ...keys.pending(memberId, receiptNo), ...keys.pendingActivationIndex(memberId, receiptNo, '2026-12-01'), type: 'pending-raw', points: 45 }, ConditionExpression: 'attribute_not_exists(PK)' } },
            ...extra,
          ] as never,
        });
      for (let round = 0; round < ROUNDS; round++) {
        const base = 300 + round * OPS;
        apiRounds.push(await closedLoop(concurrency, OPS, (i) => cashier.call('recordSale', { body: sale(`${tag}S${base + i}`, member(base + i)) }).then(() => undefined)));
        // The raw baseline: the same reads and the same transaction shape, on other receipts.
        rawRounds.push(
          await closedLoop(concurrency, OPS, async (i) => {
            const memberId = members[(i * 11 + round * 17 + run * 19 + 1000) % MEMBERS];
            const receiptNo = `${tag}R${base + i}`;
            await sys.raw.send(new BatchGetCommand({ RequestItems: { [t]: { Keys: [keys.staff('cashier'), keys.staffSession('cashier', 'bench')], ConsistentRead: true } } }));
            await sys.raw.send(new GetCommand({ TableName: t, Key: keys.sale('S001', receiptNo), ConsistentRead: true }));
            const m = await sys.raw.send(new GetCommand({ TableName: t, Key: keys.member(memberId), ConsistentRead: true }));
            await sys.raw.send(rawTransaction(memberId, receiptNo, (m.Item?.rawRev as number) ?? 0));
          }),
        );
        // The floor: what a sale sends now, two round trips.
        floorRounds.push(
          await closedLoop(concurrency, OPS, async (i) => {
            const memberId = members[(i * 13 + round * 23 + run * 29 + 500) % MEMBERS];
            const receiptNo = `${tag}F${base + i}`;
            const read = await sys.raw.send(new BatchGetCommand({ RequestItems: { [t]: { Keys: [keys.staff('cashier'), keys.staffSession('cashier', 'bench'), keys.member(memberId)], ConsistentRead: true } } }));
            const m = read.Responses?.[t]?.find((item) => item.PK === keys.member(memberId).PK);
            const accountCheck = { ConditionCheck: { TableName: t, Key: keys.staff('cashier'), ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(disabled) OR disabled = :false)', ExpressionAttributeValues: { ':false': false } } };
            await sys.raw.send(rawTransaction(memberId, receiptNo, (m?.rawRev as number) ?? 0, [accountCheck]));
          }),
        );
      }
      const api = combine(apiRounds);
      const raw = combine(rawRounds);
      const floor = combine(floorRounds);
      if (api.errors) throw new Error(`${api.errors} sales failed`);
      rows.push({ concurrency, api, raw, floor });
    }
    return ratioReport(
      rows,
      'sales',
      `Sales posted by a cashier session (\`POST /pos/sales\`, two lines, a member, points pending for the return window), ${ROUNDS} rounds of ${OPS} per level, alternating with the baselines, over ${MEMBERS} members, through the local API (its own process, as under \`npm start\`): HTTP → API Gateway v2 event → middy/zod → token HMAC → sale service → DynamoDB. The baseline (unchanged since issue 6, the yardstick of the target ratio ≥ 0.9 at 64) sends, straight from the benchmark process, the requests a sale needed before issue 7 §6: the session check (one BatchGetItem of the account and the session), the receipt check, the member snapshot (one GetItem: the lots are in the member item), and one three-item TransactWriteItems with the same conditions. The floor baseline sends what a sale sends now: the account, the session and the member in one consistent BatchGetItem, and the same transaction plus the ConditionCheck on the account; the ratio to it is the API's own overhead.`,
      [
        'What limits the ratio here: DynamoDB Local runs transactions one at a time and is CPU-bound (its JVM at ~90% of a core during the run), and it shares the machine\'s 2 cores with the API process and the load generator (and with whatever else runs on the machine). Everything we put around the database is Node CPU per sale (HTTP parsing, zod, the token check, JSON, marshalling a sale item that keeps the line detail and the first result for replays and returns), and on this machine every such millisecond is taken from the JVM. In Lambda the handler has its own CPU, so the same work adds latency (a few ms) but takes no throughput from the database. The ratio also moves with whatever else runs on the machine (runs of this benchmark gave 0.63–0.91 at 32 and 0.80–1.05 at 64 before issue 7); the rounds alternate to share that noise fairly.',
        'Issue 6 (ledger under any interleaving): a sale\'s snapshot became one consistent GetItem of the member, which carries its lots, and every staff request reads its account and session (exact revocation, idle timeout) in one BatchGetItem. Since issue 7 the liability counters are aggregated from the stream, so the sale\'s transaction is three items (the baseline\'s too). Only the ratio against the same-run baseline compares between runs: 0.85 before issue 6, 0.87 after it, 0.84 after the counters left the transaction.',
        'Issue 8 §6 (cost per operation): a sale is two round trips (the session read with the member; the receipt claimed by the transaction, the recorded sale read only when that fails), the token is checked with a synchronous HMAC, the first read and the transaction go through a DynamoDB client whose middleware is resolved once, and the API process no longer meters its handlers outside the cost benchmark (two getrusage calls per request). The API now sends half the baseline\'s requests, so the ratio to the baseline can pass 1; the ratio to the floor baseline is what is left of the API\'s overhead.',
        ...beforeNote('pos-ingest', rows, 'sales'),
      ],
    );
  } finally {
    await sys.stop();
  }
}
