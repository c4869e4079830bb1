import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/commons/keys';
import { dayjs } from '../shared/rules/business-time';
import { runJoinStats } from '../functions/features/members/join-stats';
import { BUSINESS_TIME_ZONE } from '../shared/schedules';
import { round, type BenchReport } from './harness';
import { startBenchSystem, type BenchSystem } from './local-system';

/**
 * The join-stats job at growing member counts. The measured business day always has the same new members; every
 * other member joined on another day of the year. What must hold at ten million members: the items the job
 * reads depend on that day's new members only, not on how many members the chain has.
 */
const DAYS = 365;
const DAY_JOINS = 500;
const MEASURED_DAY = '2026-01-01';
const SIZES = (process.env.BENCH_MEMBERS ?? '10000,100000').split(',').map(Number);
const STORES = ['S001', 'S002', null] as const;
const FIRST_NO = 200_000_000;

async function loadMembers(sys: BenchSystem, total: number, firstNo: number) {
  const start = dayjs.tz(MEASURED_DAY, BUSINESS_TIME_ZONE);
  const items = Array.from({ length: total }, (_, i) => {
    const memberId = String(firstNo + i);
    // The first DAY_JOINS members ever loaded join on the measured day; the rest on the other days.
    const day = start.add(firstNo + i - FIRST_NO < DAY_JOINS ? 0 : 1 + ((firstNo + i) % (DAYS - 1)), 'day');
    const joinedAt = day.add(10, 'hour').toISOString();
    const storeId = STORES[i % STORES.length];
    return {
      ...keys.member(memberId),
      ...keys.memberJoinIndex(storeId, day.format('YYYY-MM-DD'), joinedAt, memberId),
      type: 'member', memberId, tier: 'base', status: 'active', joinedAt, joinStoreId: storeId, joinRegisterId: storeId ? `${storeId}-R1` : null,
      pointsAvailable: 0, pointsPending: 0, storedValueFen: 0, usableCoupons: 0,
    };
  });
  const batches: typeof items[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let pending: Record<string, unknown>[] | undefined = batches[next++].map((Item) => ({ PutRequest: { Item } }));
        while (pending?.length) {
          const out = await sys.raw.send(new BatchWriteCommand({ RequestItems: { [sys.tableName]: pending as never } }));
          pending = out.UnprocessedItems?.[sys.tableName] as Record<string, unknown>[] | undefined;
        }
      }
    }),
  );
}

export async function joinStatsScale(): Promise<BenchReport> {
  const sys = await startBenchSystem();
  const rows: Array<{ members: number; day_joins: number; items_read: number; per_member: number; job_ms: number; raw_ms: number; ratio: number }> = [];
  try {
    let loaded = 0;
    for (const size of SIZES) {
      await loadMembers(sys, size - loaded, FIRST_NO + loaded);
      loaded = size;
      const day = MEASURED_DAY;
      const t0 = performance.now();
      const result = await runJoinStats(sys.tableName, day);
      const jobMs = performance.now() - t0;
      // Baseline: the same index queries, straight from here.
      const t1 = performance.now();
      for (const storeId of STORES) {
        await sys.raw.send(new QueryCommand({ TableName: sys.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.joinsOfStoreOnDay(storeId, day) }, ProjectionExpression: 'joinRegisterId' }));
      }
      const rawMs = performance.now() - t1;
      rows.push({ members: size, day_joins: result.newMembers, items_read: result.itemsRead, per_member: result.itemsRead / Math.max(1, result.newMembers), job_ms: jobMs, raw_ms: rawMs, ratio: rawMs / jobMs });
    }
  } finally {
    await sys.stop();
  }
  const last = rows[rows.length - 1];
  const perDayAt10M = Math.round(10_000_000 / (365 * 3));
  return {
    figures: { members: last.members, items_read: last.items_read, items_read_per_member_acted_on: round(last.per_member, 3), job_ms: round(last.job_ms, 1), raw_ms: round(last.raw_ms, 1), ratio: round(last.ratio, 3), rows },
    markdown: [
      `The daily \`join-stats\` job for one business day that had ${DAY_JOINS} new members, while the table grows; all other members joined on the other days of a year, through two stores and online. Items read are counted by the job (DynamoDB \`Count\` of its index queries); the baseline runs the same index queries straight from the benchmark process (the job also reads the store list and writes the counts).`,
      '',
      '| members in table | that day\'s new members | items read | items read per member acted on | job ms | raw queries ms | raw/job |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.members.toLocaleString('en')} | ${r.day_joins} | ${r.items_read} | ${round(r.per_member, 3)} | ${round(r.job_ms, 1)} | ${round(r.raw_ms, 1)} | ${round(r.ratio)} |`),
      '',
      `Items read stay at one per new member of the day whatever the table holds: ten times the members, the same reads. Extrapolated to ten million members gathered over three years (~${perDayAt10M.toLocaleString('en')} joins a day), the job reads ~${perDayAt10M.toLocaleString('en')} index items plus the store list, where a scan would read all 10,000,000 member items and everything else in the table.`,
    ].join('\n'),
  };
}
