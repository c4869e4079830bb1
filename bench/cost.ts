import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { addBusinessDays } from '../shared/rules/business-time';
import { encodeMemberCode, timeStepOf } from '../shared/rules/member-code';
import { getConfig, resetConfig } from '../functions/commons/config';
import { blindIndex, encryptField, memberCodePrf } from '../functions/commons/crypto';
import { costTotals, resetCostTotals } from '../functions/commons/cost-meter';
import { keys } from '../functions/commons/keys';
import { businessDay } from '../functions/commons/clock';
import { signToken, SHOPPER_TOKEN_SECONDS } from '../functions/commons/tokens';
import { handler as jobs } from '../functions/handlers/jobs';
import { round, type BenchReport } from './harness';
import { startBenchSystem, type ApiSpend, type BenchSystem } from './local-system';

/**
 * What each main operation costs in what the cloud bills: DynamoDB round trips, read and write capacity units
 * (DynamoDB Local reports `ConsumedCapacity` with the cloud's arithmetic), and CPU. Requests go one at a time
 * through the local API in its own process, which counts its DynamoDB calls and its CPU: inside the handlers
 * (what a Lambda would bill) and in the whole process (the local HTTP emulation is the difference). Jobs run in
 * this process, per member acted on. From these, the cost per million operations at on-demand prices.
 */
const N = 120;
// us-east-1 on-demand list prices (November 2026): DynamoDB per million request units, Lambda per GB-second
// (x86) and per million requests, API Gateway HTTP API per million requests.
const PRICES = { readRequestUnit: 0.125, writeRequestUnit: 0.625, lambdaGbSecond: 0.0000166667, lambdaRequest: 0.2, httpApiRequest: 1.0, lambdaMemoryGb: 0.5 };

interface Row {
  op: string;
  roundTrips: number;
  readUnits: number;
  writeUnits: number;
  handlerCpuMs: number;
  processCpuMs: number | null;
  commands: string;
  usdPerMillion: number;
}

const perOp = (n: number, total: number, digits = 2) => round(total / n, digits);
const commandsOf = (byCommand: Record<string, number>, n: number) =>
  Object.entries(byCommand)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, k]) => `${c.replace(/Command$/, '').replace(/Item(s?)$/, '$1')} ${round(k / n, 2)}`)
    .join(', ');

function rowOf(op: string, n: number, s: ApiSpend, viaApi: boolean): Row {
  const handlerCpuMs = perOp(n, s.handlerCpuUs / 1000);
  const readUnits = perOp(n, s.readUnits);
  const writeUnits = perOp(n, s.writeUnits);
  // Lambda duration is at least the handler's CPU; waiting on DynamoDB adds to it in the cloud (not counted here).
  const lambda = (handlerCpuMs / 1000) * PRICES.lambdaMemoryGb * PRICES.lambdaGbSecond * 1e6 + (viaApi ? PRICES.lambdaRequest : 0);
  const usdPerMillion = readUnits * PRICES.readRequestUnit + writeUnits * PRICES.writeRequestUnit + lambda + (viaApi ? PRICES.httpApiRequest : 0);
  return { op, roundTrips: perOp(n, s.roundTrips), readUnits, writeUnits, handlerCpuMs, processCpuMs: viaApi ? perOp(n, s.processCpuUs / 1000) : null, commands: commandsOf(s.byCommand, n), usdPerMillion: round(usdPerMillion, 2) };
}

export async function cost(): Promise<BenchReport> {
  const sys = await startBenchSystem({ apiProcess: true, costMeter: true });
  resetConfig();
  const config = await getConfig();
  const rows: Row[] = [];
  try {
    const spend = sys.spend!;
    /** Runs `op` N times through the API, one at a time, after `setup`; records what the API process spent. */
    async function measure<T>(name: string, setup: (i: number) => Promise<T>, op: (x: T, i: number) => Promise<unknown>) {
      const prepared: T[] = [];
      for (let i = 0; i < N; i++) prepared.push(await setup(i));
      await op(prepared[0], 0); // warm the route's code paths
      await spend.reset();
      for (let i = 1; i < N; i++) await op(prepared[i], i);
      rows.push(rowOf(name, N - 1, await spend.read(), true));
    }
    const staff = async (username: string, password: string, registerId?: string) => sys.client((await sys.client().call('staffLogin', { body: { username, password, registerId } })).token);
    const cashier = await staff('cashier', 'cashier-demo-2026', 'S001-R1');
    const ops = await staff('ops', 'ops-demo-2026');
    // Points available at once, so spends and returns have balances to work on.
    const current = await ops.call('getSettings');
    await ops.call('updateSettings', { body: { version: current.version, settings: { ...current.settings, points: { ...current.settings.points, returnWindowDays: 0 } } } });

    // A shopper who signed in with a phone (what the dev or WeChat sign-in would hand out).
    let phoneNo = 0;
    const shopperToken = async () => {
      const phone = `137${String(++phoneNo).padStart(8, '0')}`;
      const claims = { typ: 'shopper' as const, ph: encryptField(config.keys.field, phone), phh: blindIndex(config.keys.blindIndex, 'phone', phone) };
      return (await signToken(config.keys.token, claims, SHOPPER_TOKEN_SECONDS, Date.now())).token;
    };
    const consent = { accepted: true as const, privacyPolicyVersion: current.settings.consent.privacyPolicyVersion, termsVersion: current.settings.consent.termsVersion };
    const newMember = async () => {
      const joined = await sys.client(await shopperToken()).call('join', { body: { consent } });
      return { memberId: joined.card.memberId, client: sys.client(joined.token) };
    };
    const code = (memberId: string, stepOffset = 0) => encodeMemberCode(Number(memberId), timeStepOf(Date.now()) + stepOffset, memberCodePrf(config.keys.memberCode));
    let receipt = 0;
    const sale = (memberRef: { code: string } | { memberId: string } | null, yuan: number, points = 0) => {
      const fen = yuan * 100;
      return {
        receiptNo: `C${++receipt}`,
        storeId: 'S001',
        registerId: 'S001-R1',
        soldAt: new Date().toISOString(),
        lines: [
          { lineNo: 1, sku: 'MILK-1L', category: 'dairy', qtyMilli: 2000, unitPriceFen: fen / 4, lineDiscountFen: 0 },
          { lineNo: 2, sku: 'RICE-5KG', category: 'grocery', qtyMilli: 1000, unitPriceFen: fen / 2, lineDiscountFen: 0 },
        ],
        payments: [...(fen - points > 0 ? [{ method: 'wechat' as const, amountFen: fen - points }] : []), ...(points ? [{ method: 'points' as const, amountFen: points, points }] : [])],
        ...(memberRef ? { member: memberRef } : {}),
      };
    };

    await measure('join (会员注册)', () => shopperToken(), (token) => sys.client(token).call('join', { body: { consent } }));
    await measure('identify at the register', () => newMember(), (m) => cashier.call('identifyMember', { body: { code: code(m.memberId) } }));
    await measure('sale with a member (earns)', () => newMember(), (m) => cashier.call('recordSale', { body: sale({ memberId: m.memberId }, 200) }));
    await measure('sale paying with points', async () => {
      const m = await newMember();
      await cashier.call('recordSale', { body: sale({ memberId: m.memberId }, 400) });
      return m;
    }, (m) => cashier.call('recordSale', { body: sale({ code: code(m.memberId) }, 100, 100) }));
    await measure('return (whole sale)', async () => {
      const m = await newMember();
      const s = sale({ memberId: m.memberId }, 120);
      await cashier.call('recordSale', { body: s });
      return s;
    }, (s, i) => cashier.call('recordReturn', { body: { returnNo: `RT${i}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: s.receiptNo }, returnedAt: new Date().toISOString() } }));
    await measure('quote (by code)', () => newMember(), (m) => cashier.call('quoteBasket', { body: { storeId: 'S001', member: { code: code(m.memberId) }, lines: sale(null, 100).lines } }));
    await measure('daily sign-in', () => newMember(), (m) => m.client.call('signIn'));
    await measure('points history page (20)', async () => {
      const m = await newMember();
      for (let k = 0; k < 3; k++) await cashier.call('recordSale', { body: sale({ memberId: m.memberId }, 50 + k) });
      return m;
    }, (m) => m.client.call('myPointsHistory', { query: { limit: 20 } }));

    // Jobs, in this process (as the jobs Lambda), per member acted on.
    const t = sys.tableName;
    const today = businessDay();
    const yesterday = addBusinessDays(today, -1);
    const members: string[] = [];
    for (let i = 0; i < N; i++) members.push((await newMember()).memberId);
    // Lots due yesterday, written straight into the table (the API can't date points a year back).
    for (const memberId of members) {
      await sys.raw.send(new PutCommand({ TableName: t, Item: { ...keys.member(memberId), type: 'member', memberId, tier: 'base', status: 'active', joinedAt: new Date().toISOString(), pointsAvailable: 100, pointsPending: 0, pointsDebt: 0, lots: { [yesterday]: 100 }, ledgerSeq: 0 } }));
      await sys.raw.send(new PutCommand({ TableName: t, Item: { ...keys.lot(memberId, yesterday), ...keys.lotExpiryIndex(memberId, yesterday), type: 'lot', memberId, expiryDay: yesterday, remaining: 100 } }));
    }
    async function measureJob(name: string, job: string) {
      resetCostTotals();
      const start = process.cpuUsage();
      const out = (await jobs({ job, date: today, onlyThisDay: true })) as { result: { acted: number } };
      const cpu = process.cpuUsage(start);
      const acted = Math.max(1, out.result.acted);
      const totals = costTotals();
      rows.push(rowOf(`${name} (per member acted on: ${out.result.acted})`, acted, { ...totals, handlerCpuUs: cpu.user + cpu.system, processCpuUs: 0 }, false));
    }
    await measureJob('points-expiry job', 'points-expiry');
    return report(rows);
  } finally {
    await sys.stop();
  }
}

function report(rows: Row[]): BenchReport {
  const table = [
    '| operation | round trips | read units | write units | handler CPU ms | API process CPU ms | DynamoDB calls per operation | $ per million |',
    '|---|---:|---:|---:|---:|---:|---|---:|',
    ...rows.map((r) => `| ${r.op} | ${r.roundTrips} | ${r.readUnits} | ${r.writeUnits} | ${r.handlerCpuMs} | ${r.processCpuMs ?? '–'} | ${r.commands} | ${r.usdPerMillion} |`),
  ].join('\n');
  const markdown = [
    `Each operation ${N - 1} times, one at a time, through the local API in its own process (after one warm-up), on DynamoDB Local in memory. Round trips and capacity units are counted inside the API process (every DynamoDB command asks for \`ConsumedCapacity\`, which DynamoDB Local reports with the cloud's arithmetic: 1 unit per 4 KB strongly consistent read, 1 per KB written, twice that in a transaction). Handler CPU is measured around each handler call (what a Lambda bills, at least); API process CPU adds the local HTTP emulation (parsing, the API Gateway v2 event, JSON). The job runs in the benchmark process, counted per member it acted on.`,
    '',
    table,
    '',
    `$ per million operations: DynamoDB at $${PRICES.readRequestUnit} per million read units and $${PRICES.writeRequestUnit} per million write units (on-demand, us-east-1), Lambda at ${PRICES.lambdaMemoryGb * 1024} MB for the handler CPU time ($${PRICES.lambdaGbSecond} per GB-s; waiting on DynamoDB adds duration in the cloud that is not counted here) plus $${PRICES.lambdaRequest} per million requests, and the HTTP API at $${PRICES.httpApiRequest} per million requests. The request charges dominate; of what we control, write units are the largest.`,
  ].join('\n');
  return { figures: { operations: rows, prices: PRICES }, markdown };
}
