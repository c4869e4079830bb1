import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { businessDayOf } from '../../shared/rules/business-time';
import { addMovements, movementOfEntry, netOf, storeMovementOfEntry, type DayMovement, type LedgerKind, type StoreMovement } from '../../shared/rules/liability';
import { ddb } from '../commons/dynamodb';
import { eventsOf } from '../events/catalogue';
import { LIABILITY_SHARDS } from '../features/points/points-ledger';
import { registerDayCountsOf, type RegisterDayCounts } from '../features/sales/reactions';
import { couponAudit } from './coupons-reconcile';

/**
 * The offline ledger audit (`npm run reconcile`; also run after the integration tests). It is the one place
 * allowed to read the whole table. For every member it checks:
 *   pointsAvailable = Σ ledger points = Σ lots' remaining, and the member's lots map = its lot items;  pointsDebt = Σ ledger debt;  pointsPending = Σ pending;
 *   no lot, balance, debt or pending below zero; ledger sequence numbers 1..ledgerSeq with no gap, and each
 *   entry's balanceAfter following from the one before;
 * and that the liability counters add up to the members' totals (they are aggregated from the table's stream:
 * compare after draining it). The counters kept per business day are checked the same way:
 *   the liability by day (LIABDAY#) = the ledger entries of each day by kind, and all days together = the
 *   members' available points (so the report's opening, read back from today, is right for any day);
 *   the liability by store (LIABSTORE#) = the entries made at each store's sales and returns, per day;
 *   the register days (REGDAY#) = the sales, returns and joins of each day, store and register;
 * and the coupons (coupons-reconcile.ts): each template's stock and budget over its shards against its grants, each
 * shard's budget, each member's wallet and counts against their grants, the expiry index on exactly the available ones.
 * (A table holding ledger entries, sales or members from before those counters existed needs them backfilled.)
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
  // Per-day counters as kept, and as the ledger entries, sales, returns and members say they should be.
  const days = { kept: new Map<string, DayMovement>(), expected: new Map<string, DayMovement>() };
  const stores = { kept: new Map<string, StoreMovement>(), expected: new Map<string, StoreMovement>() };
  const registers = { kept: new Map<string, RegisterDayCounts>(), expected: new Map<string, RegisterDayCounts>() };
  const totals = (id: string) => {
    let t = byMember.get(id);
    if (!t) byMember.set(id, (t = { ledger: [], lots: [], lotItems: {}, pending: [] }));
    return t;
  };
  const coupons = couponAudit();
  for await (const page of paginateScan({ client: ddb() }, { TableName: tableName })) {
    for (const item of page.Items ?? []) {
      itemsRead++;
      coupons.see(item);
      const pk = item.PK as string;
      if (pk === 'LIABILITY') {
        liability.available += (item.availablePoints as number) ?? 0;
        liability.pending += (item.pendingPoints as number) ?? 0;
        liability.debt += (item.debtPoints as number) ?? 0;
        continue;
      }
      if (pk.startsWith('LIABDAY#')) {
        addTo(days.kept, pk.slice('LIABDAY#'.length), { earned: num(item.earned), spent: num(item.spent), expired: num(item.expired), adjusted: num(item.adjusted) }, addMovements);
        continue;
      }
      if (pk.startsWith('LIABSTORE#')) {
        addTo(stores.kept, `${pk.slice('LIABSTORE#'.length)} ${item.storeId}`, { earned: num(item.earned), spent: num(item.spent), reversed: num(item.reversed), refunded: num(item.refunded) }, addStore);
        continue;
      }
      if (pk.startsWith('REGDAY#')) {
        const counts = Object.fromEntries(registerColumns.map((c) => [c, num(item[c])]));
        addTo(registers.kept, `${pk.slice('REGDAY#'.length)} ${item.storeId} ${item.registerId}`, counts, addCounts);
        continue;
      }
      if (item.type === 'sale' || item.type === 'return' || (item.type === 'member' && item.SK === 'PROFILE')) {
        for (const event of eventsOf({ eventName: 'INSERT', newImage: item })) {
          const c = registerDayCountsOf(event);
          if (c) addTo(registers.expected, `${c.day} ${c.storeId} ${c.registerId ?? '-'}`, c.counts, addCounts);
        }
      }
      if (!pk.startsWith('MEMBER#')) continue;
      const t = totals(pk.slice('MEMBER#'.length));
      const sk = item.SK as string;
      if (sk === 'PROFILE') t.member = item;
      else if (sk.startsWith('LEDGER#')) {
        t.ledger.push({ seq: item.seq as number, points: item.points as number, debt: (item.debt as number) ?? 0, balanceAfter: item.balanceAfter as number });
        const day = businessDayOf(item.at as string);
        addTo(days.expected, day, movementOfEntry(item.kind as LedgerKind, item.points as number), addMovements);
        const atStore = item.storeId ? storeMovementOfEntry(item.kind as LedgerKind, item.points as number) : null;
        if (atStore && item.points !== 0) addTo(stores.expected, `${day} ${item.storeId}`, atStore, addStore);
      }
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
  const allDays = [...days.kept.values()].reduce((n, m) => n + netOf(m), 0);
  if (allDays !== members.available) drift.push({ memberId: '(liability by day)', problem: `the days' movements add up to ${allDays}, the members hold ${members.available}` });
  drift.push(...differences('(liability by day)', days, ['earned', 'spent', 'expired', 'adjusted']));
  drift.push(...differences('(liability by store)', stores, ['earned', 'spent', 'reversed', 'refunded']));
  drift.push(...differences('(register days)', registers, registerColumns));
  drift.push(...coupons.drift());
  return { members: byMember.size, itemsRead, drift };
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const registerColumns = ['salesPosted', 'salesNetFen', 'membersIdentified', 'joins', 'pointsIssued', 'pointsRedeemed', 'returns'] as const;
const addStore = (a: StoreMovement, b: StoreMovement): StoreMovement => ({ earned: a.earned + b.earned, spent: a.spent + b.spent, reversed: a.reversed + b.reversed, refunded: a.refunded + b.refunded });
const addCounts = (a: RegisterDayCounts, b: RegisterDayCounts): RegisterDayCounts => Object.fromEntries(registerColumns.map((c) => [c, num(a[c]) + num(b[c])]));

function addTo<V>(map: Map<string, V>, key: string, value: V, add: (a: V, b: V) => V) {
  const had = map.get(key);
  map.set(key, had === undefined ? value : add(had, value));
}

/** Each key whose kept counters differ from what the items say (a missing key counts as zeros). */
function differences<V extends object>(what: string, maps: { kept: Map<string, V>; expected: Map<string, V> }, columns: readonly string[]): Drift[] {
  const out: Drift[] = [];
  for (const key of new Set([...maps.kept.keys(), ...maps.expected.keys()])) {
    const kept = (maps.kept.get(key) ?? {}) as Record<string, unknown>;
    const expected = (maps.expected.get(key) ?? {}) as Record<string, unknown>;
    const wrong = columns.filter((c) => num(kept[c]) !== num(expected[c]));
    if (wrong.length) out.push({ memberId: what, problem: `${key}: ${wrong.map((c) => `${c} kept ${num(kept[c])}, the items say ${num(expected[c])}`).join('; ')}` });
  }
  return out;
}
