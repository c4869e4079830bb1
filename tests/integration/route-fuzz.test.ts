import fc from 'fast-check';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { getConfig } from '../../functions/commons/config';
import { channelKey, registerKey, signRequest } from '../../functions/commons/signatures';
import { channelOrderSchemas } from '../../shared/features/sales/channels';
import { routes, type RouteDef, type RouteId } from '../../shared/routes';
import { defaultChainSettings } from '../../shared/settings';
import { arbitraryFromZod, type Hint } from '../support/json-schema-arbitrary';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The route fuzz, generated from the route table (a route added later is fuzzed without editing this file):
 * every route is driven with inputs derived from its own schemas (through their JSON Schema) and with mutated
 * ones — fields dropped, wrong types, huge and negative numbers, NaN-ish strings, unicode, very long strings,
 * duplicate array items, date-times with offsets, path parameters with odd characters, made-up cursors — as
 * every kind of caller: anonymous, a shopper who has not joined, a member, each staff role, a cashier at a
 * register, a register signing its requests, a platform signing its pushes (all signed properly, so the fuzz
 * reaches the handlers). Whatever comes in: never a 5xx, a 4xx always has the {error:{code,message,details}}
 * shape, and a 2xx body matches the route's response schema. Fixed seed; about a minute in all.
 */
const SEED = Number(process.env.ROUTE_FUZZ_SEED ?? 20261201);
/** About 4,000 requests in all (≈ a minute here), spread over however many routes the table has. */
const RUNS_PER_ROUTE = Number(process.env.ROUTE_FUZZ_RUNS ?? Math.max(25, Math.floor(4000 / Object.keys(routes).length)));
fc.configureGlobal({ seed: SEED });

let api: TestApi;
/** Values a real client would have: hints that let some generated inputs past "not found". */
const known = {
  memberId: '',
  otherMemberId: '',
  memberCode: '',
  memberPhone: '13900000002',
  receiptNo: '',
  scene: '',
  cursor: '',
  settingsVersion: 0,
};

type Caller = { name: string; headers: (method: string, target: string, body: string, params: Record<string, string>) => Record<string, string> };
let callers: Caller[];

const bearer = (name: string, token: string): Caller => ({ name, headers: () => ({ authorization: `Bearer ${token}` }) });
function signed(key: string, method: string, target: string, body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return { 'x-timestamp': String(ts), 'x-signature': signRequest(key, ts, method, target, body) };
}

beforeAll(async () => {
  api = await startTestApi();
  const config = await getConfig();
  const [admin, ops, finance, service, cashier] = await Promise.all([
    staffToken(api, 'admin', 'admin-demo-2026'),
    staffToken(api, 'ops', 'ops-demo-2026'),
    staffToken(api, 'finance', 'finance-demo-2026'),
    staffToken(api, 'service', 'service-demo-2026'),
    staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'),
  ]);
  // An account the fuzz may change at will (never one of the callers: disabling a caller would end its session).
  await api.client(admin).call('createStaff', { body: { username: 'fuzz-target', displayName: '模糊测试', password: 'Blue-Harbour-2026', role: 'service', scope: { level: 'chain' } } });

  const shopperPhone = '13900000001';
  await api.client().call('devSendOtp', { body: { phone: shopperPhone } });
  const shopper = (await api.client().call('devVerifyOtp', { body: { phone: shopperPhone, code: lastDevOtp(shopperPhone)! } })).token;
  const member = await joinShopper(api, known.memberPhone);
  const other = await joinShopper(api, '13900000003');
  known.memberId = member.memberId;
  known.otherMemberId = other.memberId;
  known.memberCode = (await member.client.call('myCode')).code;
  for (let i = 0; i < 2; i++) {
    await api.client(ops).call('adjustPoints', { params: { memberId: member.memberId }, body: { points: 5000, note: '模糊测试准备', idempotencyKey: `fuzz-setup-${i}` } });
  }
  known.cursor = (await member.client.call('myPointsHistory', { query: { limit: 1 } })).cursor!;
  const sale = saleOf(member.memberId, 120);
  await api.client(cashier).call('recordSale', { body: sale });
  known.receiptNo = sale.receiptNo;
  known.scene = api.seed.stores[0].registers[0].scene;
  known.settingsVersion = (await api.client(ops).call('getSettings')).version;

  const register = registerKey(config.keys.integration, 'S001', 'S001-R2');
  callers = [
    { name: 'anonymous', headers: () => ({}) },
    bearer('forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJzdGFmZiIsInJvbGUiOiJhZG1pbiJ9.AAAA'),
    bearer('shopper not joined', shopper),
    bearer('member', member.token),
    bearer('admin', admin),
    bearer('ops', ops),
    bearer('finance', finance),
    bearer('service', service),
    bearer('cashier at a register', cashier),
    { name: 'register-signed', headers: (m, t, b) => ({ 'x-store-id': 'S001', 'x-register-id': 'S001-R2', ...signed(register, m, t, b) }) },
    { name: 'channel-signed', headers: (m, t, b, p) => signed(channelKey(config.keys.integration, p.platform ?? 'meituan'), m, t, b) },
  ];
}, 120_000);
afterAll(() => api?.close());

let throwaways = 0;
const throwawayPhone = () => `1376${String(++throwaways).padStart(7, '0')}`;

/** The callers a route admits get most of the runs; the others check the refusals. */
function admits(route: RouteDef, caller: string): boolean {
  switch (route.auth.kind) {
    case 'public':
      return true;
    case 'shopper':
      return caller === 'shopper not joined' || caller === 'member';
    case 'member':
      return caller === 'member';
    case 'staff':
      return (route.auth.roles as readonly string[]).some((r) => caller === r || (r === 'cashier' && caller === 'cashier at a register'));
    case 'pos':
      return caller === 'cashier at a register' || caller === 'register-signed';
    case 'channel':
      return caller === 'channel-signed';
  }
}

// ---- inputs -----------------------------------------------------------------------------------------------
const now = () => new Date().toISOString();
const offsetNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
const hint: Hint = (name) => {
  const values: Record<string, () => unknown[]> = {
    memberId: () => [known.memberId, known.otherMemberId, '100000001', '999999999'],
    storeId: () => ['S001', 'S002', 'S999'],
    registerId: () => ['S001-R1', 'S001-R2', 'S002-R1', 'S001-R9'],
    username: () => ['fuzz-target', 'nobody-here'],
    code: () => [known.memberCode, '680000000000000000', '123456'],
    phone: () => [known.memberPhone, '13800000000', '+86 139-0000-0002'],
    receiptNo: () => [known.receiptNo],
    scene: () => [known.scene, 'ZZZZZZZZ'],
    platform: () => ['meituan', 'douyin', 'tmall', 'amazon'],
    cursor: () => [known.cursor],
    soldAt: () => [now(), offsetNow()],
    returnedAt: () => [now(), offsetNow()],
    privacyPolicyVersion: () => ['2026-11-01'],
    termsVersion: () => ['2026-11-01'],
    version: () => [known.settingsVersion],
    accepted: () => [true],
    // Platform orders: the chain's stores, times near now, the member's phone, amounts that add up.
    poi_code: () => ['S001', 'S002', 'S404'],
    shop_id: () => ['S001', 'S002', 'S404'],
    store_code: () => ['S001', 'S002', 'S404'],
    ctime: () => [Math.floor(Date.now() / 1000) - 60],
    create_time: () => [Math.floor(Date.now() / 1000) - 60],
    created: () => [new Date(Date.now() + 8 * 3600_000 - 60_000).toISOString().slice(0, 19).replace('T', ' ')],
    recipient_phone: () => [known.memberPhone, '138****1234'],
    user_phone: () => [known.memberPhone],
    buyer_mobile: () => [known.memberPhone],
    price: () => [6.5, 8, '59.90', '0.01'],
    actual_price: () => [5.9, 6.5],
    payment: () => ['49.90', '0.01'],
    origin_amount: () => [1000, 2000],
    pay_amount: () => [999, 1000],
    quantity: () => [1, 3],
    item_num: () => [1, 3],
    num: () => [1, 2],
  };
  const get = values[name];
  // Read when each input is generated, so a value that changes during the run (the settings version) is current.
  return get && [fc.nat().map((i) => get()[i % get().length])];
};

/** Valid requests to start from for routes whose inputs must agree with each other (a sale's payments add up). */
type Input = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
const receipt = fc.stringMatching(/^[A-Za-z0-9]{8}$/).map((s) => `FZ-${s}`);
const examples: Partial<Record<RouteId, () => fc.Arbitrary<Input>>> = {
  recordSale: () =>
    fc.record({ r: receipt, yuan: fc.integer({ min: 1, max: 2000 }), member: fc.boolean(), points: fc.constantFrom(0, 100, 1000) }).map(({ r, yuan, member, points }) => ({
      body: saleOf(member ? known.memberId : null, yuan, { receiptNo: r, points: member && yuan >= 100 ? points : 0 }),
    })),
  recordReturn: () =>
    fc.record({ r: receipt, whole: fc.boolean(), qty: fc.integer({ min: 1, max: 1000 }) }).map(({ r, whole, qty }) => ({
      body: { returnNo: r, storeId: 'S001', original: { storeId: 'S001', receiptNo: known.receiptNo }, returnedAt: now(), ...(whole ? {} : { lines: [{ lineNo: 1, qtyMilli: qty }] }) },
    })),
  quoteBasket: () =>
    fc.integer({ min: 1, max: 100_000 }).map((fen) => ({ body: { storeId: 'S001', member: { memberId: known.memberId }, lines: [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: fen }] } })),
  join: () => fc.constant({ body: { consent: { accepted: true, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' } } }),
  adjustPoints: () =>
    fc.record({ points: fc.integer({ min: -200, max: 200 }).filter((n) => n !== 0), key: receipt }).map(({ points, key }) => ({
      params: { memberId: known.memberId },
      body: { points, note: '模糊测试', idempotencyKey: key },
    })),
  updateSettings: () => fc.constant(null).map(() => ({ body: { version: known.settingsVersion, settings: defaultChainSettings } })),
  // The platform's order schema, by the platform in the path (the route's own body is any object), and orders
  // a platform really sends.
  channelOrder: () =>
    fc.oneof(
      fc.constantFrom(...(Object.keys(channelOrderSchemas) as Array<keyof typeof channelOrderSchemas>)).chain((platform) =>
        arbitraryFromZod(channelOrderSchemas[platform], hint).map((body) => ({ params: { platform }, body })),
      ),
      fc.record({ id: receipt, units: fc.integer({ min: 1, max: 7 }), fen: fc.integer({ min: 1, max: 100_000 }), off: fc.nat(100), member: fc.boolean() }).chain(({ id, units, fen, off, member }) => {
        const secs = Math.floor(Date.now() / 1000) - 60;
        const paid = Math.max(1, fen - off);
        const phone = member ? { p: known.memberPhone } : { p: '13712345678' };
        return fc.constantFrom<Input>(
          { params: { platform: 'douyin' }, body: { order_id: id, shop_id: 'S001', create_time: secs, user_phone: phone.p, sku_orders: [{ sku_id: 'A', product_name: '苹果', item_num: units, origin_amount: fen, pay_amount: paid }] } },
          { params: { platform: 'meituan' }, body: { order_id: id, poi_code: 'S002', ctime: secs, recipient_phone: phone.p, detail: [{ app_food_code: 'M', food_name: '牛奶', quantity: units, price: fen / 100, actual_price: paid / 100 }] } },
          { params: { platform: 'tmall' }, body: { tid: id, store_code: 'S001', created: new Date((secs + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' '), buyer_mobile: phone.p, orders: [{ outer_sku_id: 'T', title: '大米', num: units, price: (fen / 100).toFixed(2), payment: ((paid * units) / 100).toFixed(2) }] } },
        );
      }),
    ),
};

/** Values that have broken parsers before: wrong types, edges of numbers, NaN-ish and odd strings. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, 0, -1, 0.5, -0, 1e15, -1e15, 2 ** 53, 1e308, -1e308,
    '', ' ', 'NaN', 'Infinity', '-1', '1e999', '0x10', '\u0000', '\ud800', '😀'.repeat(100), 'a'.repeat(5000), '名字'.repeat(30),
    '<script>alert(1)</script>', "'; DROP TABLE x; --", '../../etc/passwd', '2026-11-30T23:59:59+08:00', '2026-13-45 99:99:99', '2026-02-30T00:00:00Z',
    [], {}, [1, 1], JSON.parse('{"__proto__":{"polluted":1}}'),
    // A cursor the API never issued: a DynamoDB key written by hand.
    Buffer.from('{"PK":"MEMBER#100000001","SK":"LEDGER#0000000001"}').toString('base64url'),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** Path segments as they arrive, already %-encoded (or not encodable at all). */
const oddSegments = ['%', '%E0%A4%A', '..', '.', '%2F', 'a%2Fb', '%00', '%E5%90%8D', '%20', '%F0%9F%98%80', 'a'.repeat(300), '100000001%0A', '-1', '1e15'];

/** How the request is dressed: the caller's language, and what it says the body is. */
const dress = fc.record({
  lang: fc.constantFrom<string | undefined>(undefined, 'en', 'zh-CN', 'en-US,en;q=0.9', 'fr', '*;q=abc', ''),
  contentType: fc.constantFrom<string | undefined>('application/json', 'application/json', 'application/json', 'text/plain', 'application/octet-stream', undefined),
});

type Mutation = { where: 'params' | 'query' | 'body'; op: 'drop' | 'replace' | 'duplicate' | 'add' | 'odd-segment'; pick: number; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  where: fc.constantFrom('params', 'query', 'body', 'body', 'body'),
  op: fc.constantFrom('drop', 'replace', 'replace', 'duplicate', 'add', 'odd-segment'),
  pick: fc.nat(),
  value: nasty,
});

type Path = Array<string | number>;
function nodesOf(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodesOf(v, [...path, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...nodesOf(v, [...path, k]));
  return out;
}
function mutate(value: unknown, m: Mutation): unknown {
  const root = { v: value === undefined ? undefined : structuredClone(value) };
  const nodes = nodesOf(root.v, ['v']);
  const path = nodes[m.pick % nodes.length];
  const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], root);
  const key = path[path.length - 1];
  if (m.op === 'drop' && path.length > 1) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (m.op === 'add') {
    // A field nobody asked for, on the nearest object (or the root becomes one).
    const target = parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key]) ? parent[key] : parent;
    target[`extra${m.pick % 3}`] = m.value;
  } else if (m.op === 'duplicate') {
    const arrays = nodes.filter((p) => Array.isArray(p.reduce<any>((o, k) => o?.[k], root)));
    if (arrays.length) {
      const arr = arrays[m.pick % arrays.length].reduce<any>((o, k) => o[k], root) as unknown[];
      if (arr.length) arr.push(structuredClone(arr[m.pick % arr.length]));
    }
  } else {
    parent[key] = m.value;
  }
  return root.v;
}

const rawBodies = fc.constantFrom('{"a":', 'null', '[]', '"x"', '1e999', 'not json', '{}', '\u0000', '{"a":1}{"b":2}');

type FuzzInput = Input & { rawBody?: string; mutations: Mutation[]; dress: { lang?: string; contentType?: string } };
function inputArbitrary(id: RouteId, route: RouteDef): fc.Arbitrary<FuzzInput> {
  const derived = fc.record(
    {
      params: route.params ? (arbitraryFromZod(route.params, hint) as fc.Arbitrary<Record<string, unknown>>) : fc.constant(undefined),
      query: route.query ? (arbitraryFromZod(route.query, hint) as fc.Arbitrary<Record<string, unknown>>) : fc.constant(undefined),
      body: route.body ? arbitraryFromZod(route.body, hint) : fc.constant(undefined),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Input>;
  const example = examples[id];
  const base = example ? fc.oneof(derived, example()) : derived;
  return fc.record({
    base,
    rawBody: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: rawBodies, weight: 1 }),
    mutations: fc.oneof({ arbitrary: fc.constant<Mutation[]>([]), weight: 2 }, { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }), weight: 3 }),
    dress,
  }).map(({ base, rawBody, mutations, dress }) => ({ ...base, rawBody, mutations, dress }));
}

// ---- requests ---------------------------------------------------------------------------------------------
const encode = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate: send the bytes it would have been
  }
};

function buildRequest(route: RouteDef, input: FuzzInput) {
  let { params, query, body } = input;
  const oddSegment: Record<string, string> = {};
  for (const m of input.mutations) {
    if (m.where === 'params') {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
      if (!names.length) continue;
      const name = names[m.pick % names.length];
      if (m.op === 'odd-segment') oddSegment[name] = oddSegments[m.pick % oddSegments.length];
      else params = { ...(params ?? {}), [name]: m.op === 'drop' ? '' : m.value };
    } else if (m.where === 'query') query = mutate(query ?? {}, m) as Record<string, unknown>;
    else body = mutate(body, m);
  }
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => oddSegment[name] ?? (encode(params?.[name] ?? 'x') || 'x'));
  const qs =
    query && typeof query === 'object' && !Array.isArray(query)
      ? Object.entries(query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${encode(k)}=${encode(v)}`)
          .join('&')
      : '';
  const target = qs ? `${path}?${qs}` : path;
  const bodyText = input.rawBody ?? (body === undefined ? '' : JSON.stringify(body));
  const platform = (() => {
    try {
      return decodeURIComponent(path.split('/')[2] ?? '');
    } catch {
      return '';
    }
  })();
  return { target, bodyText: route.method === 'GET' ? '' : bodyText, platform, dress: input.dress };
}

async function send(route: RouteDef, caller: Caller, req: ReturnType<typeof buildRequest>) {
  const headers: Record<string, string> = {
    ...(req.dress.contentType ? { 'content-type': req.dress.contentType } : {}),
    ...(req.dress.lang !== undefined ? { 'accept-language': req.dress.lang } : {}),
    ...caller.headers(route.method, req.target, req.bodyText, { platform: req.platform }),
  };
  const res = await fetch(api.url + req.target, { method: route.method, headers, body: req.bodyText || undefined });
  return { status: res.status, text: await res.text() };
}

/** ROUTE_FUZZ_STATS=1 prints what each route answered, to see how deep the inputs reach. */
const stats = new Map<string, Map<string, number>>();
function count(id: string, caller: string, res: { status: number; text: string }) {
  if (!process.env.ROUTE_FUZZ_STATS) return;
  const code = res.status >= 400 ? (/"code":"([^"]+)"/.exec(res.text)?.[1] ?? '') : '';
  const key = `${res.status}${code ? ` ${code}` : ''}${admitsById(id, caller) ? '' : ' (not admitted)'}`;
  const m = stats.get(id) ?? new Map<string, number>();
  m.set(key, (m.get(key) ?? 0) + 1);
  stats.set(id, m);
}
const admitsById = (id: string, caller: string) => admits(routes[id as RouteId] as RouteDef, caller);
afterAll(() => {
  if (process.env.ROUTE_FUZZ_STATS) for (const [id, m] of stats) console.log(id, Object.fromEntries([...m].sort((a, b) => b[1] - a[1])));
});

function check(id: RouteId, route: RouteDef, caller: Caller, req: ReturnType<typeof buildRequest>, res: { status: number; text: string }) {
  count(id, caller.name, res);
  const what = () => `${route.method} ${req.target} as ${caller.name}, body ${req.bodyText.slice(0, 300)} → ${res.status} ${res.text.slice(0, 500)}`;
  if (res.status >= 500) throw new Error(`5xx: ${what()}`);
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    throw new Error(`not JSON: ${what()}`);
  }
  if (res.status >= 400) {
    const e = (body as { error?: Record<string, unknown> }).error;
    const shaped =
      body && typeof body === 'object' && Object.keys(body).join() === 'error' && e && Object.keys(e).sort().join() === 'code,details,message' && typeof e.code === 'string' && typeof e.message === 'string' && e.message.length > 0;
    if (!shaped) throw new Error(`error shape: ${what()}`);
  } else {
    const parsed = route.response.safeParse(body);
    if (!parsed.success) throw new Error(`response schema of ${id}: ${parsed.error.message}\n${what()}`);
    if (id === 'updateSettings') known.settingsVersion = (body as { version: number }).version;
  }
}

describe.each(Object.entries(routes) as Array<[RouteId, RouteDef]>)('%s', (id, route) => {
  it('never answers 5xx; every refusal has the error shape; every success its schema', async () => {
    const callerArb = fc.constantFrom(...callers.keys()).chain((i) => fc.constant(callers[i]));
    const weighted = fc.oneof({ arbitrary: callerArb.filter((c) => admits(route, c.name)), weight: 4 }, { arbitrary: callerArb, weight: 1 });
    await fc.assert(
      fc.asyncProperty(weighted, inputArbitrary(id, route), async (caller, input) => {
        const req = buildRequest(route, input);
        // The member's own deletion ends the membership: each run deletes a member of its own, never the shared one.
        const who = caller.name === 'member' && route.leavesMembership ? bearer('member', (await joinShopper(api, throwawayPhone())).token) : caller;
        check(id, route, who, req, await send(route, who, req));
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  });
});
