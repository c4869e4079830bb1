import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '../../functions/commons/config';
import { ddb, getConsistent, setDynamoFaultInjectorForTests } from '../../functions/commons/dynamodb';
import { nowMs, shiftClockForTests } from '../../functions/commons/clock';
import { batchRead, itemKeyOf } from '../../functions/commons/first-read';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { keys } from '../../functions/commons/keys';
import { signToken, SHOPPER_TOKEN_SECONDS } from '../../functions/commons/tokens';
import type { z } from 'zod';
import type { createCouponTemplateRequest } from '../../shared/features/coupons/schemas';
import { ApiError } from '../../shared/api-client';
import { joinShopper, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Claiming coupons (issue 10 §2): one transaction takes a stock unit from a shard, the member's count, a budget
 * reservation and the grant; it never oversells, never passes the per-member limit or the budget, strands nothing
 * on a shard while refusing, and a retry answers the first result, under any concurrency, with throttling,
 * transaction conflicts and lost answers injected (DynamoDB Local raises none of them by itself).
 */
let api: TestApi;
let ops: string;
let service: string;
let memberIds: string[] = [];
/** Members who took no part in the races, for the tests that count a member's coupons. */
let spare: string[] = [];
const tokens = new Map<string, string>();

type TemplateInput = z.input<typeof createCouponTemplateRequest>;
const cashOff = (templateId: string, over: Partial<TemplateInput> = {}): TemplateInput => ({
  templateId,
  name: { zh: '满200减30', en: '¥30 off ¥200' },
  benefit: { kind: 'cash-off', thresholdFen: 20000, offFen: 3000 },
  validity: { type: 'after-receipt', days: 7 },
  scope: {},
  limits: { stock: 300, perMember: 2, budgetFen: null, minOrderFen: 0 },
  stacking: { group: 'cash-off' },
  claimChannel: 'centre',
  ...over,
});

async function createTemplate(input: TemplateInput) {
  return api.client(ops).call('createCouponTemplate', { body: input });
}

/** Members made by copying a joined member's item (joining 500 through the API would take most of the file's time). */
async function seedMembers(n: number, base: number): Promise<string[]> {
  const model = await joinShopper(api, `1390099${String(base).slice(1, 5)}`);
  const item = (await getConsistent(api.tableName, keys.member(model.memberId)))!;
  const config = await getConfig();
  const ids: string[] = [];
  for (let i = 0; i < n; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, n - i) }, async (_, j) => {
        const memberId = String(base + i + j);
        const { phoneEnc, phoneHash, openidKey, identityKeys, GSI1PK, GSI1SK, ...rest } = item as Record<string, unknown>;
        void phoneEnc, phoneHash, openidKey, identityKeys, GSI1PK, GSI1SK;
        await ddb().send(new PutCommand({ TableName: api.tableName, Item: { ...rest, ...keys.member(memberId), memberId } }));
        tokens.set(memberId, (await signToken(config.keys.token, { typ: 'shopper', sub: memberId }, SHOPPER_TOKEN_SECONDS, nowMs())).token);
        ids.push(memberId);
      }),
    );
  }
  return ids;
}

const shopper = (memberId: string) => api.client(tokens.get(memberId)!);

async function shardsOf(templateId: string, n: number) {
  const found = await batchRead(api.tableName, Array.from({ length: n }, (_, i) => keys.couponStock(templateId, i)));
  return Array.from({ length: n }, (_, i) => found.get(itemKeyOf(keys.couponStock(templateId, i))) as { remaining: number; budgetRemainingFen: number | null; reservedFen: number; settledFen: number });
}

async function grantsOf(memberId: string) {
  const out = await ddb().send(
    new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': keys.couponGrantPrefix }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}

const codeOf = (err: unknown) => (err instanceof ApiError ? err.code : String(err));

/** Runs `tasks` with at most `width` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

beforeAll(async () => {
  api = await startTestApi();
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  service = await staffToken(api, 'service', 'service-demo-2026');
  memberIds = await seedMembers(500, 710_000_000);
  spare = await seedMembers(100, 720_000_000);
}, 120_000);
afterAll(async () => {
  setDynamoFaultInjectorForTests(undefined);
  shiftClockForTests(0);
  await api.close();
});

/** 2,000 claims by 500 members (4 each, each its own key) for stock 300, limit 2, over 4 shards. */
async function race(templateId: string) {
  const attempts = memberIds.flatMap((m) => Array.from({ length: 4 }, (_, k) => ({ m, key: `race-${templateId}-${m}-${k}` })));
  // Shuffle so a member's claims don't arrive together.
  for (let i = attempts.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [attempts[i], attempts[j]] = [attempts[j], attempts[i]];
  }
  let stranded = 0;
  const outcomes = await pool(
    attempts.map(({ m, key }) => async () => {
      try {
        const r = await shopper(m).call('claimCoupon', { body: { templateId, idempotencyKey: key } });
        return { m, ok: r.grants.length };
      } catch (err) {
        const code = codeOf(err);
        if (code === 'COUPON_OUT_OF_STOCK') {
          // Refused for stock: every shard must be at 0 now (stock only goes down while claims run).
          const left = (await shardsOf(templateId, 4)).reduce((n, s) => n + s.remaining, 0);
          if (left > 0) stranded++;
        }
        return { m, ok: 0, code };
      }
    }),
    64,
  );
  return { outcomes, stranded };
}

async function audit(templateId: string) {
  const shards = await shardsOf(templateId, 4);
  const perMember = new Map<string, number>();
  for (const m of memberIds) {
    const n = (await grantsOf(m)).filter((g) => g.templateId === templateId).length;
    if (n) perMember.set(m, n);
  }
  return { left: shards.reduce((n, s) => n + s.remaining, 0), granted: [...perMember.values()].reduce((a, b) => a + b, 0), maxPerMember: Math.max(0, ...perMember.values()), shards };
}

it('2,000 claims by 500 members for stock 300, limit 2, over 4 shards: exactly 300 granted, nobody above 2, 0 left, 0 stranded', async () => {
  await createTemplate(cashOff('RACE1', { shards: 4, limits: { stock: 300, perMember: 2, budgetFen: 300 * 3000, minOrderFen: 0 } }));
  const { outcomes, stranded } = await race('RACE1');
  const codes = new Set(outcomes.filter((o) => !o.ok).map((o) => o.code));
  expect([...codes].every((c) => c === 'COUPON_OUT_OF_STOCK' || c === 'COUPON_MEMBER_LIMIT')).toBe(true);
  expect(outcomes.filter((o) => o.ok).length).toBe(300);
  expect(stranded).toBe(0);
  const a = await audit('RACE1');
  expect(a).toMatchObject({ left: 0, granted: 300 });
  expect(a.maxPerMember).toBeLessThanOrEqual(2);
  // Each claim reserved the coupon's face value: the budget is all reserved, none left.
  expect(a.shards.reduce((n, s) => n + s.reservedFen, 0)).toBe(300 * 3000);
  expect(a.shards.reduce((n, s) => n + (s.budgetRemainingFen ?? 0), 0)).toBe(0);
  const view = await api.client(ops).call('couponTemplate', { params: { templateId: 'RACE1' } });
  expect(view.stats).toMatchObject({ stock: 300, remaining: 0, issued: 300, reservedFen: 900_000, budgetRemainingFen: 0 });
}, 180_000);

it('the same with throttling, transaction conflicts and lost answers injected: still exact', async () => {
  await createTemplate(cashOff('RACE2', { shards: 4 }));
  const injected = { throttled: 0, conflicts: 0, lost: 0 };
  setDynamoFaultInjectorForTests((command, input) => {
    const r = Math.random();
    if (command === 'TransactWriteItemsCommand') {
      const items = (input.TransactItems as unknown[]) ?? [];
      if (r < 0.1) {
        injected.conflicts++;
        return { before: Object.assign(new Error('Transaction cancelled (injected)'), { name: 'TransactionCanceledException', $fault: 'client', $metadata: { httpStatusCode: 400 }, CancellationReasons: items.map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })) }) };
      }
      if (r < 0.2) {
        injected.throttled++;
        return { before: Object.assign(new Error('Rate exceeded (injected)'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } }) };
      }
      if (r < 0.23) {
        injected.lost++;
        // Committed, and the answer lost on the way back: the SDK sends it again, and it must not apply twice.
        return { after: Object.assign(new Error('Internal error (injected, after commit)'), { name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } }) };
      }
    }
    if (command === 'BatchGetItemCommand' && r < 0.1) {
      injected.throttled++;
      return { before: Object.assign(new Error('Rate exceeded (injected)'), { name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: { httpStatusCode: 400 } }) };
    }
    return undefined;
  });
  let result: Awaited<ReturnType<typeof race>>;
  try {
    result = await race('RACE2');
  } finally {
    setDynamoFaultInjectorForTests(undefined);
  }
  expect(injected.conflicts).toBeGreaterThan(20);
  expect(injected.throttled).toBeGreaterThan(20);
  expect(injected.lost).toBeGreaterThan(2);
  const codes = new Set(result.outcomes.filter((o) => !o.ok).map((o) => o.code));
  expect([...codes].every((c) => c === 'COUPON_OUT_OF_STOCK' || c === 'COUPON_MEMBER_LIMIT')).toBe(true);
  expect(result.stranded).toBe(0);
  const a = await audit('RACE2');
  expect(a).toMatchObject({ left: 0, granted: 300 });
  expect(a.maxPerMember).toBeLessThanOrEqual(2);
  expect(result.outcomes.filter((o) => o.ok).length).toBe(300);
}, 240_000);

it('a retried claim answers the first result; racing duplicates make one grant; a key reused for another coupon is a 409', async () => {
  await createTemplate(cashOff('RETRY1', { limits: { stock: 50, perMember: 5, budgetFen: null, minOrderFen: 0 } }));
  await createTemplate(cashOff('RETRY2', { limits: { stock: 50, perMember: 5, budgetFen: null, minOrderFen: 0 } }));
  const m = spare[0];
  const first = await shopper(m).call('claimCoupon', { body: { templateId: 'RETRY1', idempotencyKey: 'retry-key-0001' } });
  const again = await shopper(m).call('claimCoupon', { body: { templateId: 'RETRY1', idempotencyKey: 'retry-key-0001' } });
  expect(again).toEqual(first);
  const racing = await Promise.all(Array.from({ length: 10 }, () => shopper(spare[1]).call('claimCoupon', { body: { templateId: 'RETRY1', idempotencyKey: 'retry-key-0002' } })));
  expect(new Set(racing.map((r) => r.grants[0].grantId)).size).toBe(1);
  expect((await grantsOf(spare[1])).filter((g) => g.templateId === 'RETRY1')).toHaveLength(1);
  await expect(shopper(m).call('claimCoupon', { body: { templateId: 'RETRY2', idempotencyKey: 'retry-key-0001' } })).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
  // Another member using the same key is their own claim.
  await expect(shopper(spare[2]).call('claimCoupon', { body: { templateId: 'RETRY1', idempotencyKey: 'retry-key-0001' } })).resolves.toMatchObject({ grants: [{ templateId: 'RETRY1' }] });
});

describe('a commit forced between a claim’s reads and its transaction', () => {
  async function claimWithCommitBetween(first: { m: string; templateId: string }, meanwhile: () => Promise<unknown>) {
    let fired = false;
    const off = onInterleavePoint(async (point, detail) => {
      if (point === 'coupon-grant:read' && detail.attempt === 0 && !fired) {
        fired = true;
        await meanwhile();
      }
    });
    try {
      return await shopper(first.m).call('claimCoupon', { body: { templateId: first.templateId, idempotencyKey: `il-${first.templateId}-${first.m}` } });
    } finally {
      off();
    }
  }

  it('the last unit taken meanwhile: the claim reads again and is refused as sold out, never oversold', async () => {
    await createTemplate(cashOff('LAST1', { limits: { stock: 1, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
    await expect(
      claimWithCommitBetween({ m: spare[10], templateId: 'LAST1' }, () => shopper(spare[11]).call('claimCoupon', { body: { templateId: 'LAST1', idempotencyKey: 'il-LAST1-other' } })),
    ).rejects.toMatchObject({ status: 409, code: 'COUPON_OUT_OF_STOCK' });
    expect((await shardsOf('LAST1', 1))[0].remaining).toBe(0);
  });

  it('its shard emptied meanwhile: the claim falls through to another shard', async () => {
    await createTemplate(cashOff('FALL1', { shards: 2, limits: { stock: 2, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
    // Whichever shard the first claim picks, the other claim empties one; the first still gets the other unit.
    const r = await claimWithCommitBetween({ m: spare[12], templateId: 'FALL1' }, () => shopper(spare[13]).call('claimCoupon', { body: { templateId: 'FALL1', idempotencyKey: 'il-FALL1-other' } }));
    expect(r.grants).toHaveLength(1);
    expect((await shardsOf('FALL1', 2)).map((s) => s.remaining)).toEqual([0, 0]);
  });

  it('the member’s own other claim meanwhile: the limit holds', async () => {
    await createTemplate(cashOff('LIMIT1', { limits: { stock: 10, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
    const m = spare[14];
    await expect(claimWithCommitBetween({ m, templateId: 'LIMIT1' }, () => shopper(m).call('claimCoupon', { body: { templateId: 'LIMIT1', idempotencyKey: 'il-LIMIT1-own' } }))).rejects.toMatchObject({
      status: 409,
      code: 'COUPON_MEMBER_LIMIT', details: { perMember: 1, received: 1 },
    });
    expect((await grantsOf(m)).filter((g) => g.templateId === 'LIMIT1')).toHaveLength(1);
  });

  it('a pause meanwhile: the claim is refused at commit', async () => {
    await createTemplate(cashOff('PAUSE1', { limits: { stock: 10, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
    await expect(
      claimWithCommitBetween({ m: spare[15], templateId: 'PAUSE1' }, () => api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: 'PAUSE1' }, body: { action: 'pause', reason: '活动调整' } })),
    ).rejects.toMatchObject({ status: 409, code: 'COUPON_NOT_CLAIMABLE' });
    await api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: 'PAUSE1' }, body: { action: 'resume' } });
    await expect(shopper(spare[15]).call('claimCoupon', { body: { templateId: 'PAUSE1', idempotencyKey: 'after-resume-1' } })).resolves.toMatchObject({ grants: [{ state: 'usable' }] });
  });
});

it('a budget that covers two coupons grants two, then says the budget is used up', async () => {
  await createTemplate(cashOff('BUDGET1', { limits: { stock: 5, perMember: 5, budgetFen: 6000, minOrderFen: 0 } }));
  const m = spare[20];
  for (const k of [1, 2]) await shopper(m).call('claimCoupon', { body: { templateId: 'BUDGET1', idempotencyKey: `budget-${k}-xxxx` } });
  await expect(shopper(m).call('claimCoupon', { body: { templateId: 'BUDGET1', idempotencyKey: 'budget-3-xxxx' } })).rejects.toMatchObject({ status: 409, code: 'COUPON_BUDGET_EXHAUSTED' });
});

it('status: draft, issued-only and ended templates are not claimable; ending keeps grants usable; transitions are checked', async () => {
  await createTemplate(cashOff('DRAFT1', { status: 'draft' }));
  await createTemplate(cashOff('ISSUED1', { claimChannel: 'issued' }));
  const m = spare[21];
  for (const templateId of ['DRAFT1', 'ISSUED1']) {
    await expect(shopper(m).call('claimCoupon', { body: { templateId, idempotencyKey: `st-${templateId}-1` } })).rejects.toMatchObject({ status: 409, code: 'COUPON_NOT_CLAIMABLE' });
  }
  const centre = await shopper(m).call('couponCentre');
  expect(centre.items.map((i) => i.templateId)).not.toContain('DRAFT1');
  expect(centre.items.map((i) => i.templateId)).not.toContain('ISSUED1');
  await api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: 'DRAFT1' }, body: { action: 'activate' } });
  const got = await shopper(m).call('claimCoupon', { body: { templateId: 'DRAFT1', idempotencyKey: 'st-DRAFT1-2' } });
  await api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: 'DRAFT1' }, body: { action: 'end', reason: '提前结束' } });
  await expect(api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: 'DRAFT1' }, body: { action: 'resume' } })).rejects.toMatchObject({ status: 409, code: 'COUPON_STATUS' });
  await expect(shopper(m).call('claimCoupon', { body: { templateId: 'DRAFT1', idempotencyKey: 'st-DRAFT1-3' } })).rejects.toMatchObject({ status: 409, code: 'COUPON_NOT_CLAIMABLE' });
  const mine = await shopper(m).call('myCoupons', { query: { view: 'usable' } });
  expect(mine.items.map((c) => c.grantId)).toContain(got.grants[0].grantId);
  const ended = await api.client(ops).call('couponTemplates', { query: { state: 'ended' } });
  expect(ended.items.map((t) => t.templateId)).toContain('DRAFT1');
});

it('creating is once per id: the same design again answers the first, another design is a 409; only chain ops may create', async () => {
  const a = await createTemplate(cashOff('ONCE1'));
  expect(await createTemplate(cashOff('ONCE1'))).toEqual(a);
  await expect(createTemplate(cashOff('ONCE1', { limits: { stock: 301, perMember: 2, budgetFen: null, minOrderFen: 0 } }))).rejects.toMatchObject({ status: 409, code: 'COUPON_TEMPLATE_CONFLICT' });
  const regional = await staffToken(api, 'ops.sh', 'ops-demo-2026');
  await expect(api.client(regional).call('createCouponTemplate', { body: cashOff('ONCE2') })).rejects.toMatchObject({ status: 403 });
  await expect(api.client(service).call('createCouponTemplate', { body: cashOff('ONCE3') })).rejects.toMatchObject({ status: 403 });
});

it('a pack is all or nothing: one template sold out grants none of the others', async () => {
  await createTemplate(cashOff('PACKA', { claimChannel: 'centre', limits: { stock: 1, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
  await createTemplate(cashOff('PACKB', { benefit: { kind: 'cash-off', thresholdFen: 5000, offFen: 1000 }, limits: { stock: 100, perMember: 4, budgetFen: null, minOrderFen: 0 } }));
  await api.client(ops).call('createCouponPack', { body: { packId: 'PACK1', name: { zh: '新人礼包', en: 'Welcome pack' }, items: [{ templateId: 'PACKA', count: 1 }, { templateId: 'PACKB', count: 2 }] } });
  const m = spare[30];
  const got = await shopper(m).call('claimCoupon', { body: { packId: 'PACK1', idempotencyKey: 'pack-claim-0001' } });
  expect(got.grants.map((g) => g.templateId).sort()).toEqual(['PACKA', 'PACKB', 'PACKB']);
  await expect(shopper(spare[31]).call('claimCoupon', { body: { packId: 'PACK1', idempotencyKey: 'pack-claim-0002' } })).rejects.toMatchObject({ status: 409, code: 'COUPON_OUT_OF_STOCK' });
  expect(await grantsOf(spare[31])).toHaveLength(0);
  expect((await shardsOf('PACKB', 1))[0].remaining).toBe(98);
});

it('validity: N days after receipt ends at 23:59:59 Shanghai of the last day (claimed 30 Nov, N = 7: through 6 Dec)', async () => {
  await createTemplate(cashOff('DAYS7', { limits: { stock: 10, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
  // 2026-11-30 23:30 Shanghai = 15:30 UTC: a UTC reading would say the 30th too, but 00:30 the next day would not.
  shiftClockForTests(Date.parse('2026-11-30T16:30:00.000Z') - Date.now()); // 00:30 on 1 Dec Shanghai
  const g1 = await shopper(spare[40]).call('claimCoupon', { body: { templateId: 'DAYS7', idempotencyKey: 'days7-0001' } });
  shiftClockForTests(Date.parse('2026-11-30T15:30:00.000Z') - Date.now()); // 23:30 on 30 Nov Shanghai
  const g2 = await shopper(spare[41]).call('claimCoupon', { body: { templateId: 'DAYS7', idempotencyKey: 'days7-0002' } });
  shiftClockForTests(0);
  expect([g1.grants[0].validFrom, g1.grants[0].validThrough]).toEqual(['2026-12-01', '2026-12-07']);
  expect([g2.grants[0].validFrom, g2.grants[0].validThrough, g2.grants[0].lastUsableAt]).toEqual(['2026-11-30', '2026-12-06', '2026-12-06T15:59:59.999Z']);
});

it('my coupons: usable ones soonest-expiring first, the card’s count, the QR only while usable; nobody else’s coupon', async () => {
  await createTemplate(cashOff('MINE3', { validity: { type: 'after-receipt', days: 3 }, limits: { stock: 10, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
  await createTemplate(cashOff('MINE30', { validity: { type: 'after-receipt', days: 30 }, limits: { stock: 10, perMember: 1, budgetFen: null, minOrderFen: 0 } }));
  const m = spare[50];
  await shopper(m).call('claimCoupon', { body: { templateId: 'MINE30', idempotencyKey: 'mine-0030' } });
  const soon = await shopper(m).call('claimCoupon', { body: { templateId: 'MINE3', idempotencyKey: 'mine-0003' } });
  const mine = await shopper(m).call('myCoupons', { query: {} });
  expect(mine.items.map((c) => c.templateId)).toEqual(['MINE3', 'MINE30']);
  expect(mine.usable).toBe(2);
  const code = await shopper(m).call('myCouponCode', { params: { grantId: soon.grants[0].grantId } });
  expect(code.code).toMatch(new RegExp(`^CP1\\.${m}\\.${soon.grants[0].grantId}\\.`));
  await expect(shopper(spare[51]).call('myCoupon', { params: { grantId: soon.grants[0].grantId } })).rejects.toMatchObject({ status: 404 });
  await expect(shopper(spare[51]).call('myCouponCode', { params: { grantId: soon.grants[0].grantId } })).rejects.toMatchObject({ status: 404 });
  // Four days on, the 3-day coupon is expired (whether or not the job has run) and gives no QR.
  shiftClockForTests(4 * 86_400_000);
  try {
    const later = await shopper(m).call('myCoupons', { query: { view: 'usable' } });
    expect(later.items.map((c) => c.templateId)).toEqual(['MINE30']);
    expect(later.usable).toBe(1);
    const expired = await shopper(m).call('myCoupons', { query: { view: 'expired' } });
    expect(expired.items.map((c) => [c.templateId, c.state])).toEqual([['MINE3', 'expired']]);
    await expect(shopper(m).call('myCouponCode', { params: { grantId: soon.grants[0].grantId } })).rejects.toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { reason: 'expired' } });
  } finally {
    shiftClockForTests(0);
  }
});

describe('customer service', () => {
  beforeAll(async () => {
    await createTemplate(cashOff('COMP10', { benefit: { kind: 'no-threshold', offFen: 1000 }, claimChannel: 'issued', limits: { stock: 100, perMember: 10, budgetFen: 100_000, minOrderFen: 0 } }));
    await createTemplate(cashOff('COMP100', { benefit: { kind: 'no-threshold', offFen: 10_000 }, claimChannel: 'issued', limits: { stock: 100, perMember: 10, budgetFen: null, minOrderFen: 0 } }));
  });
  const issue = (memberId: string, caseRef: string, key: string, templateId = 'COMP10') =>
    api.client(service).call('issueCompensationCoupon', { params: { memberId }, body: { templateId, caseRef, reason: '配送延误补偿', idempotencyKey: key } });

  it('issues within the per-case cap of face value, once per key, shows it on the member’s page and timeline', async () => {
    const m = spare[60];
    const first = await issue(m, 'CASE-C-1', 'comp-key-0001');
    expect(await issue(m, 'CASE-C-1', 'comp-key-0001')).toEqual(first);
    for (const k of [2, 3, 4, 5]) await issue(m, 'CASE-C-1', `comp-key-000${k}`);
    // ¥50 a case by default: five ¥10 coupons fill it.
    await expect(issue(m, 'CASE-C-1', 'comp-key-0006')).rejects.toMatchObject({ status: 409, code: 'COMPENSATION_CAP' });
    await expect(issue(m, 'CASE-C-2', 'comp-key-0007', 'COMP100')).rejects.toMatchObject({ status: 409, code: 'COMPENSATION_CAP' });
    await expect(issue(spare[61], 'CASE-C-1', 'comp-key-0008')).rejects.toMatchObject({ status: 409, code: 'COMPENSATION_CAP' });
    const listed = await api.client(service).call('memberCoupons', { params: { memberId: m }, query: {} });
    expect(listed.items.filter((c) => c.source === 'compensation')).toHaveLength(5);
    const timeline = await api.client(service).call('memberTimeline', { params: { memberId: m }, query: {} });
    expect(JSON.stringify(timeline)).toContain('coupon.compensate');
    // The shopper sees it too.
    expect((await shopper(m).call('myCoupons', { query: {} })).items.filter((c) => c.source === 'compensation')).toHaveLength(5);
  });

  it('ops revoke an unused coupon: its budget reservation is released, a retry answers as it stands, service may not revoke', async () => {
    const m = spare[62];
    const g = await issue(m, 'CASE-R-1', 'revoke-key-001');
    const before = (await shardsOf('COMP10', 1))[0];
    await expect(api.client(service).call('revokeCoupon', { params: { memberId: m, grantId: g.grantId }, body: { reason: '误发' } })).rejects.toMatchObject({ status: 403 });
    const revoked = await api.client(ops).call('revokeCoupon', { params: { memberId: m, grantId: g.grantId }, body: { reason: '误发' } });
    expect(revoked.state).toBe('revoked');
    expect(await api.client(ops).call('revokeCoupon', { params: { memberId: m, grantId: g.grantId }, body: { reason: '误发' } })).toMatchObject({ state: 'revoked' });
    const after = (await shardsOf('COMP10', 1))[0];
    expect(after.reservedFen).toBe(before.reservedFen - 1000);
    expect(after.budgetRemainingFen).toBe(before.budgetRemainingFen! + 1000);
    expect((await shopper(m).call('myCoupons', { query: {} })).usable).toBe(0);
    const wallet = ((await getConsistent(api.tableName, keys.member(m))) as { couponWallet?: Record<string, string> }).couponWallet ?? {};
    expect(Object.keys(wallet)).toHaveLength(0);
  });
});
