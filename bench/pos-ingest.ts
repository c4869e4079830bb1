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

/**
 * The transaction a sale with a member sends (points pending): the member's points attributes guarded by its
 * revision, the sale as recorded (lines, the first result), the pending item, the ConditionCheck on the account.
 */
function floorTransaction(t: string, memberId: string, receiptNo: string, rev: number) {
  const now = new Date().toISOString();
  const saleId = `S001-${receiptNo}`;
  const result = { saleId, receiptNo, memberId, netFen: 4580, points: { earned: 45, pending: true, availableOn: '2026-12-09', spent: 0, balance: 0 }, tier: { code: 'base', upgradedFrom: null, approvalQueued: null }, enrolled: false, late: false };
  const lines = [
    { lineNo: 1, qtyMilli: 2000, netFen: 2580, points: 25, returnedMilli: 0 },
    { lineNo: 2, qtyMilli: 1250, netFen: 2000, points: 20, returnedMilli: 0 },
  ];
  const set: Record<string, unknown> = { spendByMonth: { [now.slice(0, 7)]: 4580 }, lastPurchaseAt: now, firstPurchaseStoreId: 'S001', floorRev: rev + 1, ledgerSeq: 0, pointsAvailable: 0, pointsDebt: 0, pointsPending: 45, lots: {} };
  const names = Object.keys(set);
  return new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: t,
          Key: keys.member(memberId),
          UpdateExpression: `SET ${names.map((_, j) => `#f${j} = :f${j}`).join(', ')}`,
          ConditionExpression: 'attribute_not_exists(floorRev) OR floorRev = :seen',
          ExpressionAttributeNames: Object.fromEntries(names.map((n, j) => [`#f${j}`, n])),
          ExpressionAttributeValues: { ...Object.fromEntries(names.map((n, j) => [`:f${j}`, set[n]])), ':seen': rev },
        },
      },
      {
        Put: {
          TableName: t,
          Item: { ...keys.sale('S001', receiptNo), type: 'sale', channel: 'pos', registerId: 'S001-R1', recordedAt: now, saleId, storeId: 'S001', receiptNo, payloadHash: '0'.repeat(64), memberId, soldAt: now, netFen: 4580, lines, pointsPaid: 0, pointsPaidFen: 0, spentFrom: [], pendingPoints: 45, earnedToBalance: 0, returnedFen: 0, pointsPaidBack: 0, returnsVersion: 0, result },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: t,
          Item: { ...keys.pending(memberId, saleId), ...keys.pendingActivationIndex(memberId, saleId, '2026-12-09'), type: 'pending', memberId, saleId, storeId: 'S001', receiptNo, points: 45, activationDay: '2026-12-09', expiryDay: '2027-12-31', soldAt: now },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      { ConditionCheck: { TableName: t, Key: keys.staff('cashier'), ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(disabled) OR disabled = :false)', ExpressionAttributeValues: { ':false': false } } },
    ] as never,
  });
}

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
      const rawTransaction = (memberId: string, receiptNo: string, rev: number) =>
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: t, Key: keys.member(memberId), UpdateExpression: 'SET rawRev = :n, spendByMonth = :s, rawPending = :p, rawLots = :l', ConditionExpression: 'attribute_not_exists(rawRev) OR rawRev = :seen', ExpressionAttributeValues: { ':n': rev + 1, ':seen': rev, ':s': { '2026-11': 4580 }, ':p': 45, ':l': {} } } },
            { Put: { TableName: t, Item: { ...keys.sale('S001', receiptNo), type: 'sale', payload: sale(receiptNo, memberId) }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: t, Item: { ...keys.pending(memberId, receiptNo), ...keys.pendingActivationIndex(memberId, receiptNo, '2026-12-01'), type: 'pending-raw', points: 45 }, ConditionExpression: 'attribute_not_exists(PK)' } },
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
        // The floor: what a sale sends now, two round trips, with the items a sale writes (their real shape and size).
        floorRounds.push(
          await closedLoop(concurrency, OPS, async (i) => {
            const memberId = members[(i * 13 + round * 23 + run * 29 + 500) % MEMBERS];
            const receiptNo = `${tag}F${base + i}`;
            const read = await sys.raw.send(new BatchGetCommand({ RequestItems: { [t]: { Keys: [keys.staff('cashier'), keys.staffSession('cashier', 'bench'), keys.member(memberId)], ConsistentRead: true } } }));
            const m = read.Responses?.[t]?.find((item) => item.PK === keys.member(memberId).PK);
            await sys.raw.send(floorTransaction(t, memberId, receiptNo, (m?.floorRev as number) ?? 0));
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
      `Sales posted by a cashier session (\`POST /pos/sales\`, two lines, a member, points pending for the return window), ${ROUNDS} rounds of ${OPS} per level, alternating with the baselines, over ${MEMBERS} members, through the local API (its own process, as under \`npm start\`): HTTP → API Gateway v2 event → middy/zod → jose token check → sale service → DynamoDB. The baseline (unchanged since issue 6, the yardstick of the target ratio ≥ 0.9 at 64) sends, straight from the benchmark process, the requests a sale needed before issue 7 §6: the session check (one BatchGetItem of the account and the session), the receipt check, the member snapshot (one GetItem: the lots are in the member item), and one three-item TransactWriteItems with the same conditions. The floor baseline sends what a sale sends now: the account, the session and the member in one consistent BatchGetItem, and one transaction with the items a sale writes, in their real shape (the member's points attributes, the sale as recorded with its lines and first result, the pending item) and the ConditionCheck on the account; the ratio to it is the API's own overhead.`,
      [
        'What limits the ratio here: DynamoDB Local runs transactions one at a time and is CPU-bound (its JVM at ~90% of a core during the run), and it shares the machine\'s 2 cores with the API process and the load generator (and with whatever else runs on the machine). Everything we put around the database is Node CPU per sale (HTTP parsing, zod, the token check, JSON, marshalling a sale item that keeps the line detail and the first result for replays and returns), and on this machine every such millisecond is taken from the JVM. In Lambda the handler has its own CPU, so the same work adds latency (a few ms) but takes no throughput from the database. The ratio also moves with whatever else runs on the machine (runs of this benchmark gave 0.63–0.91 at 32 and 0.80–1.05 at 64 before issue 7); the rounds alternate to share that noise fairly.',
        'Issue 6 (ledger under any interleaving): a sale\'s snapshot became one consistent GetItem of the member, which carries its lots, and every staff request reads its account and session (exact revocation, idle timeout) in one BatchGetItem. Since issue 7 the liability counters are aggregated from the stream, so the sale\'s transaction is three items (the baseline\'s too). Only the ratio against the same-run baseline compares between runs: 0.85 before issue 6, 0.87 after it, 0.84 after the counters left the transaction.',
        'Issue 7 §6 (cost per operation): a sale is two round trips (the session read with the member; the receipt claimed by the transaction, the recorded sale read only when that fails), the first read and the transaction go through a DynamoDB client whose middleware is resolved once, and the API process no longer meters its handlers outside the cost benchmark (two getrusage calls per request). Half the baseline\'s requests did not lift the ratio to the baseline, because here the binding constraint is DynamoDB Local running one transaction at a time, and a sale\'s transaction is heavier than the baseline\'s simplified one: the real items (a ~1.5 KB sale with its lines and first result, the member\'s points attributes and maps, four items with the account check) go through DynamoDB Local at about three quarters of the rate of the baseline\'s three small items (measured alone at 64 concurrent: ~160–170 against ~220–230 per second). The floor baseline sends those real items, so the ratio to it is the API\'s own overhead; reaching 0.9 of the baseline would take a sale that writes less, not a faster API.',
        ...beforeNote('pos-ingest', rows, 'sales'),
      ],
    );
  } finally {
    await sys.stop();
  }
}
