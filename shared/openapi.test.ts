import { createContractValidator } from '../tests/support/contract';
import { channelOrderSchemas } from './features/sales/channels';
import { ErrorCode } from './errors';
import { buildOpenApiDocument, errorStatusesOf, PLACEHOLDER_PUBLIC_URL } from './openapi';
import { routes, type RouteDef } from './routes';

type Op = {
  operationId: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
};
const doc = buildOpenApiDocument();
const all = Object.entries(routes) as Array<[string, RouteDef]>;
const opOf = (r: RouteDef) => (doc.paths as unknown as Record<string, Record<string, Op>>)[r.path][r.method.toLowerCase()];
const contract = createContractValidator(doc);

describe('the OpenAPI document', () => {
  it('documents every status a route can answer, each error with the ApiError schema', () => {
    for (const [id, r] of all) {
      const op = opOf(r);
      expect({ id, statuses: Object.keys(op.responses).map(Number) }).toEqual({ id, statuses: [r.status ?? 200, ...errorStatusesOf(r)].sort((a, b) => a - b) });
      for (const status of errorStatusesOf(r)) expect(op.responses[status].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    }
  });

  it('derives the generic statuses from the route metadata', () => {
    expect(errorStatusesOf(routes.health)).toEqual([500]);
    expect(errorStatusesOf(routes.myCode)).toEqual([401, 403, 500]);
    expect(errorStatusesOf(routes.channelOrder)).toEqual([400, 401, 404, 409, 413, 500]);
    expect(errorStatusesOf(routes.recordSale)).toEqual([400, 401, 403, 404, 409, 413, 429, 500]);
  });

  it('lists the stable error codes on ApiError.code', () => {
    const schema = (doc.components!.schemas!.ApiError as { properties: { error: { properties: { code: { enum: string[]; description: string } } } } }).properties.error.properties.code;
    expect(schema.enum.sort()).toEqual(Object.values(ErrorCode).sort());
    for (const code of Object.values(ErrorCode)) expect(schema.description).toContain(`\`${code}\``);
  });

  it('declares bearer and both HMAC schemes, and each route names its own', () => {
    const schemes = doc.components!.securitySchemes as Record<string, { type: string; name?: string; description?: string }>;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.values(schemes).filter((s) => s.type === 'apiKey').map((s) => s.name).sort()).toEqual(['x-register-id', 'x-signature', 'x-signature', 'x-store-id', 'x-timestamp']);
    expect(schemes.registerSignature.description).toContain('<canonical query>');
    for (const [id, r] of all) {
      const names = opOf(r).security.map((req) => Object.keys(req).sort().join('+'));
      const expected = { public: [], channel: ['platformSignature+signedAt'], pos: ['bearer', 'registerId+registerSignature+registerStore+signedAt'] }[r.auth.kind as string] ?? ['bearer'];
      expect({ id, names }).toEqual({ id, names: expected });
    }
  });

  it('fills servers and tags every operation with a declared feature', () => {
    expect(doc.servers?.map((s) => s.url)).toEqual([PLACEHOLDER_PUBLIC_URL, 'http://localhost:3000']);
    expect(buildOpenApiDocument({ publicUrl: 'https://api.chain.cn' }).servers?.[0].url).toBe('https://api.chain.cn');
    const declared = new Set(doc.tags?.map((t) => t.name));
    for (const [id, r] of all) expect({ id, tags: opOf(r).tags.filter((t) => !declared.has(t)) }).toEqual({ id, tags: [] });
  });

  it('gives the platform orders their three schemas, and the samples fit them', () => {
    const body = opOf(routes.channelOrder).requestBody!.content['application/json'].schema;
    expect(body.oneOf).toEqual(['MeituanOrder', 'DouyinOrder', 'TmallOrder'].map((n) => ({ $ref: `#/components/schemas/${n}` })));
    const samples = {
      meituan: { order_id: 9001, poi_code: 'S002', ctime: 1_795_000_000, recipient_phone: '13700001111', detail: [{ app_food_code: 'YOGURT', food_name: '原味酸奶', category: 'dairy', quantity: 3, price: 6.5, actual_price: 5.9 }] },
      douyin: { order_id: 'DY1', shop_id: 'S001', create_time: 1_795_000_000, sku_orders: [{ sku_id: 'A', product_name: '苹果', category: 'fresh', item_num: 2, origin_amount: 2000, pay_amount: 1800 }] },
      tmall: { tid: 77, store_code: 'S001', created: '2026-11-30 23:59:59', orders: [{ outer_sku_id: 'B', title: '大米', cid: 'grocery', num: 1, price: '59.90', payment: '49.90' }] },
    };
    for (const [platform, order] of Object.entries(samples) as Array<[keyof typeof samples, unknown]>) {
      expect(channelOrderSchemas[platform].safeParse(order).success).toBe(true);
    }
    // The invariants the mapping relies on.
    expect(channelOrderSchemas.meituan.safeParse({ ...samples.meituan, ctime: 1e15 }).success).toBe(false);
    expect(channelOrderSchemas.tmall.safeParse({ ...samples.tmall, created: '2026-13-45 99:99:99' }).success).toBe(false);
    expect(channelOrderSchemas.tmall.safeParse({ ...samples.tmall, created: '2026-02-30 10:00:00' }).success).toBe(false);
    expect(channelOrderSchemas.douyin.safeParse({ ...samples.douyin, sku_orders: [{ ...samples.douyin.sku_orders[0], pay_amount: 2001 }] }).success).toBe(false);
  });
});

describe('the contract check the tests run on every answer', () => {
  const error = (code: string) => ({ error: { code, message: '请先登录', details: null } });

  it('accepts documented statuses with fitting bodies', () => {
    expect(contract.check({ method: 'GET', path: '/health', status: 200, body: { ok: true, time: '2026-11-30T10:00:00.000Z' } })).toBeUndefined();
    expect(contract.check({ method: 'GET', path: '/me', status: 401, body: error('UNAUTHENTICATED') })).toBeUndefined();
    expect(contract.check({ method: 'GET', path: '/staff/members/100000001', status: 404, body: error('NOT_FOUND') })).toBeUndefined();
    expect(contract.check({ method: 'GET', path: '/no/such/route', status: 404, body: error('NOT_FOUND') })).toBeUndefined();
  });

  it('refuses an undocumented status, a body off its schema, an unknown code and any 500', () => {
    expect(contract.check({ method: 'GET', path: '/health', status: 404, body: error('NOT_FOUND') })).toMatch(/status 404 is not documented/);
    expect(contract.check({ method: 'GET', path: '/me/code', status: 409, body: error('CONFLICT') })).toMatch(/not documented/);
    expect(contract.check({ method: 'GET', path: '/health', status: 200, body: { ok: 'yes' } })).toMatch(/does not match/);
    expect(contract.check({ method: 'GET', path: '/me', status: 401, body: { message: 'Unauthorized' } })).toMatch(/does not match/);
    expect(contract.check({ method: 'GET', path: '/me', status: 401, body: error('SOMETHING_NEW') })).toMatch(/does not match/);
    expect(contract.check({ method: 'GET', path: '/me', status: 500, body: error('INTERNAL') })).toMatch(/500 is our bug/);
  });
});
