import { keys } from '../commons/keys';

/**
 * The coupons' part of the offline audit (reconcile.ts feeds it every item it scans). For every template:
 *   Σ shards' stock = the template's stock, and the shards are the ones it names;
 *   Σ (stock − remaining) over its shards = the grants made from it (issued + remaining = stock);
 *   Σ redeemed = its redeemed grants, Σ released = its expired and revoked grants;
 * for every stock shard: budgetRemaining + reserved + settled = budget (a budgeted shard), reserved = Σ the
 *   reservations of the available grants it gave (an unbudgeted shard reserves nothing);
 * for every member: the wallet on the member item names exactly their available grants, each as
 *   `templateId|validFrom|validThrough`; each count item says how many grants of its template they received;
 * for every grant: an available one carries its expiry index keys (CPNEXP#<last valid day>#<shard>), an ended one none.
 */
export interface CouponDrift {
  memberId: string;
  problem: string;
}

type Item = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export function couponAudit() {
  const templates = new Map<string, Item>();
  const shards = new Map<string, Item[]>();
  const grants: Item[] = [];
  const counts: Item[] = [];
  const wallets = new Map<string, Record<string, string>>();

  function see(item: Item) {
    const pk = String(item.PK);
    const sk = String(item.SK);
    if (pk.startsWith('COUPONTPL#') && sk === 'TEMPLATE') templates.set(String(item.templateId), item);
    else if (pk.startsWith('COUPONSTOCK#')) {
      const id = String(item.templateId);
      shards.set(id, [...(shards.get(id) ?? []), item]);
    } else if (pk.startsWith('MEMBER#') && sk.startsWith(keys.couponGrantPrefix)) grants.push(item);
    else if (pk.startsWith('MEMBER#') && sk.startsWith(keys.couponCountPrefix)) counts.push(item);
    else if (pk.startsWith('MEMBER#') && sk === 'PROFILE' && item.couponWallet) wallets.set(pk.slice('MEMBER#'.length), item.couponWallet as Record<string, string>);
  }

  function drift(): CouponDrift[] {
    const out: CouponDrift[] = [];
    const tplReport = (templateId: string, problem: string) => out.push({ memberId: `(coupon ${templateId})`, problem });
    const grantsOf = new Map<string, Item[]>();
    for (const g of grants) grantsOf.set(String(g.templateId), [...(grantsOf.get(String(g.templateId)) ?? []), g]);

    for (const id of new Set([...templates.keys(), ...shards.keys(), ...grantsOf.keys()])) {
      const t = templates.get(id);
      const ss = (shards.get(id) ?? []).sort((a, b) => num(a.shard) - num(b.shard));
      const gs = grantsOf.get(id) ?? [];
      if (!t) {
        tplReport(id, `${ss.length} stock shards and ${gs.length} grants without a template`);
        continue;
      }
      const limits = t.limits as { stock: number; budgetFen: number | null };
      if (ss.length !== num(t.shards) || ss.some((s, n) => s.shard !== n)) tplReport(id, `the template names ${num(t.shards)} shards, the table holds ${ss.map((s) => s.shard).join(',') || 'none'}`);
      const sum = (f: (s: Item) => number) => ss.reduce((n, s) => n + f(s), 0);
      const stock = sum((s) => num(s.stock));
      if (stock !== limits.stock) tplReport(id, `Σ shards' stock ${stock} ≠ the template's stock ${limits.stock}`);
      const issued = sum((s) => num(s.stock) - num(s.remaining));
      if (issued !== gs.length) tplReport(id, `Σ shards' issued (stock − remaining) ${issued} ≠ ${gs.length} grants`);
      const redeemed = gs.filter((g) => g.status === 'redeemed').length;
      if (sum((s) => num(s.redeemed)) !== redeemed) tplReport(id, `Σ shards' redeemed ${sum((s) => num(s.redeemed))} ≠ ${redeemed} redeemed grants`);
      const released = gs.filter((g) => g.status === 'expired' || g.status === 'revoked').length;
      if (sum((s) => num(s.released)) !== released) tplReport(id, `Σ shards' released ${sum((s) => num(s.released))} ≠ ${released} expired or revoked grants`);
      if (ss.some((s) => num(s.remaining) < 0 || num(s.remaining) > num(s.stock))) tplReport(id, 'a shard with remaining below zero or above its stock');
      for (const s of ss) {
        const where = `shard ${s.shard}`;
        const reservedByGrants = gs.filter((g) => g.status === 'available' && g.shard === s.shard).reduce((n, g) => n + num(g.reservedFen), 0);
        if (s.budgetFen === null || s.budgetFen === undefined) {
          if (num(s.reservedFen) !== 0 || num(s.settledFen) !== 0) tplReport(id, `${where} has no budget but reserved ${num(s.reservedFen)}, settled ${num(s.settledFen)}`);
          continue;
        }
        const total = num(s.budgetRemainingFen) + num(s.reservedFen) + num(s.settledFen);
        if (total !== num(s.budgetFen)) tplReport(id, `${where}: budget remaining ${num(s.budgetRemainingFen)} + reserved ${num(s.reservedFen)} + settled ${num(s.settledFen)} ≠ budget ${num(s.budgetFen)}`);
        if (num(s.budgetRemainingFen) < 0 || num(s.reservedFen) < 0 || num(s.settledFen) < 0) tplReport(id, `${where}: a budget figure below zero`);
        if (num(s.reservedFen) !== reservedByGrants) tplReport(id, `${where}: reserved ${num(s.reservedFen)} ≠ Σ reservations of its available grants ${reservedByGrants}`);
      }
      if (limits.budgetFen !== null && sum((s) => num(s.budgetFen)) !== limits.budgetFen) tplReport(id, `Σ shards' budget ${sum((s) => num(s.budgetFen))} ≠ the template's budget ${limits.budgetFen}`);
    }

    // Each member's wallet against their available grants; index keys on exactly the available ones.
    const available = new Map<string, Map<string, string>>();
    for (const g of grants) {
      const memberId = String(g.memberId);
      const report = (problem: string) => out.push({ memberId, problem: `coupon ${g.grantId}: ${problem}` });
      const index = keys.couponExpiryIndex(memberId, String(g.validThrough), String(g.grantId));
      if (g.status === 'available') {
        const m = available.get(memberId) ?? new Map<string, string>();
        m.set(String(g.grantId), `${g.templateId}|${g.validFrom}|${g.validThrough}`);
        available.set(memberId, m);
        if (g.GSI2PK !== index.GSI2PK || g.GSI2SK !== index.GSI2SK) report(`available, but its expiry index keys are ${String(g.GSI2PK)} / ${String(g.GSI2SK)} (expected ${index.GSI2PK} / ${index.GSI2SK})`);
      } else if (g.GSI2PK !== undefined || g.GSI2SK !== undefined) report(`${String(g.status)}, but still in the expiry index (${String(g.GSI2PK)})`);
    }
    for (const memberId of new Set([...available.keys(), ...wallets.keys()])) {
      const want = available.get(memberId) ?? new Map<string, string>();
      const have = wallets.get(memberId) ?? {};
      for (const [grantId, entry] of want) if (have[grantId] !== entry) out.push({ memberId, problem: `wallet: available coupon ${grantId} is ${have[grantId] === undefined ? 'missing' : `"${have[grantId]}"`}, the grant says "${entry}"` });
      for (const grantId of Object.keys(have)) if (!want.has(grantId)) out.push({ memberId, problem: `wallet: names coupon ${grantId}, which is not an available grant` });
    }

    // Each member's count of a template = the grants of it they received (used or not).
    const received = new Map<string, number>();
    for (const g of grants) received.set(`${g.memberId} ${g.templateId}`, (received.get(`${g.memberId} ${g.templateId}`) ?? 0) + 1);
    const counted = new Map(counts.map((c) => [`${c.memberId} ${c.templateId}`, num(c.received)]));
    for (const key of new Set([...received.keys(), ...counted.keys()])) {
      const [memberId, templateId] = key.split(' ');
      if ((received.get(key) ?? 0) !== (counted.get(key) ?? 0)) out.push({ memberId, problem: `count of ${templateId}: received ${counted.get(key) ?? 0}, ${received.get(key) ?? 0} grants` });
    }
    return out;
  }

  return { see, drift };
}
