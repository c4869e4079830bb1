import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../commons/dynamodb';
import { LIABILITY_SHARDS } from '../features/points/points-ledger';

/**
 * The offline ledger audit (`npm run reconcile`; also run after the integration tests). It is the one place
 * allowed to read the whole table. For every member it checks:
 *   pointsAvailable = Σ ledger points = Σ lots' remaining, and the member's lots map = its lot items;  pointsDebt = Σ ledger debt;  pointsPending = Σ pending;
 *   no lot, balance, debt or pending below zero; ledger sequence numbers 1..ledgerSeq with no gap, and each
 *   entry's balanceAfter following from the one before;
 * and that the liability counters add up to the members' totals (they are aggregated from the table's stream:
 * compare after draining it).
 */
export interface Drift {
  memberId: string;
  problem: string;
}

interface MemberTotals {
  member?: Record<string, unknown>;
  ledger: Array<{ seq: number; points: number; debt: number; balanceAfter: number }>;
  lots: number[];
  lotItems: Record<string, number>;
  pending: number[];
}

export async function reconcile(tableName: string): Promise<{ members: number; itemsRead: number; drift: Drift[] }> {
  const byMember = new Map<string, MemberTotals>();
  const liability = { available: 0, pending: 0, debt: 0 };
  let itemsRead = 0;
  const totals = (id: string) => {
    let t = byMember.get(id);
    if (!t) byMember.set(id, (t = { ledger: [], lots: [], lotItems: {}, pending: [] }));
    return t;
  };
  for await (const page of paginateScan({ client: ddb() }, { TableName: tableName })) {
    for (const item of page.Items ?? []) {
      itemsRead++;
      const pk = item.PK as string;
      if (pk === 'LIABILITY') {
        liability.available += (item.availablePoints as number) ?? 0;
        liability.pending += (item.pendingPoints as number) ?? 0;
        liability.debt += (item.debtPoints as number) ?? 0;
        continue;
      }
      if (!pk.startsWith('MEMBER#')) continue;
      const t = totals(pk.slice('MEMBER#'.length));
      const sk = item.SK as string;
      if (sk === 'PROFILE') t.member = item;
      else if (sk.startsWith('LEDGER#')) t.ledger.push({ seq: item.seq as number, points: item.points as number, debt: (item.debt as number) ?? 0, balanceAfter: item.balanceAfter as number });
      else if (sk.startsWith('LOT#')) {
        t.lots.push(item.remaining as number);
        t.lotItems[item.expiryDay as string] = item.remaining as number;
      }
      else if (sk.startsWith('PENDING#')) t.pending.push(item.points as number);
    }
  }

  const drift: Drift[] = [];
  const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
  const members = { available: 0, pending: 0, debt: 0 };
  for (const [memberId, t] of byMember) {
    const report = (problem: string) => drift.push({ memberId, problem });
    if (!t.member) {
      report('ledger items without a member');
      continue;
    }
    const available = (t.member.pointsAvailable as number) ?? 0;
    const debt = (t.member.pointsDebt as number) ?? 0;
    const pending = (t.member.pointsPending as number) ?? 0;
    members.available += available;
    members.pending += pending;
    members.debt += debt;
    const ledgerSum = sum(t.ledger.map((e) => e.points));
    if (ledgerSum !== available) report(`balance ${available} ≠ Σ ledger ${ledgerSum}`);
    if (sum(t.lots) !== available) report(`balance ${available} ≠ Σ lots ${sum(t.lots)}`);
    // The member's own lots (what plans read) and the lot items (what the expiry jobs find) must agree.
    const lotMap = (t.member.lots as Record<string, number> | undefined) ?? {};
    const days = new Set([...Object.keys(lotMap), ...Object.keys(t.lotItems)]);
    for (const day of days) if ((lotMap[day] ?? 0) !== (t.lotItems[day] ?? 0)) report(`lot ${day}: the member says ${lotMap[day] ?? 0}, the lot item ${t.lotItems[day] ?? 0}`);
    if (sum(t.ledger.map((e) => e.debt)) !== debt) report(`debt ${debt} ≠ Σ ledger debt ${sum(t.ledger.map((e) => e.debt))}`);
    if (sum(t.pending) !== pending) report(`pending ${pending} ≠ Σ pending items ${sum(t.pending)}`);
    if (available < 0 || debt < 0 || pending < 0 || t.lots.some((r) => r <= 0)) report('a balance, debt, pending or lot below zero (or an empty lot left behind)');
    const entries = t.ledger.sort((a, b) => a.seq - b.seq);
    const seq = (t.member.ledgerSeq as number) ?? 0;
    if (entries.length !== seq || entries.some((e, i) => e.seq !== i + 1)) report(`ledger sequence has gaps (ledgerSeq ${seq}, ${entries.length} entries)`);
    let running = 0;
    for (const e of entries) {
      running += e.points;
      if (e.balanceAfter !== running) {
        report(`entry ${e.seq} says balance ${e.balanceAfter}, the entries before it add up to ${running}`);
        break;
      }
    }
  }
  if (members.available !== liability.available || members.pending !== liability.pending || members.debt !== liability.debt) {
    drift.push({ memberId: '(all)', problem: `liability counters ${JSON.stringify(liability)} ≠ members' totals ${JSON.stringify(members)} (${LIABILITY_SHARDS} shards)` });
  }
  return { members: byMember.size, itemsRead, drift };
}
