import fc from 'fast-check';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { fillPath, routes, type RouteDef } from '../../shared/routes';
import { startTestApi, type TestApi } from '../support/test-api';
import { getConfig } from '../../functions/commons/config';
import { channelKey, signRequest } from '../../functions/commons/signatures';

/**
 * Bad input gets a clear 4xx and never a 500: every route with a body, called by a caller it admits, with
 * random JSON (and non-JSON) bodies. Every error has the {error:{code,message,details}} shape.
 */
let api: TestApi;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  const staff = async (username: string, password: string, registerId?: string) =>
    (await api.client().call('staffLogin', { body: { username, password, registerId } })).token;
  tokens.admin = await staff('admin', 'admin-demo-2026');
  tokens.ops = await staff('ops', 'ops-demo-2026');
  tokens.service = await staff('service', 'service-demo-2026');
  tokens.cashier = await staff('cashier', 'cashier-demo-2026', 'S001-R1');
  const phone = '13912340000';
  await api.client().call('devSendOtp', { body: { phone } });
  tokens.shopper = (await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } })).token;
});
afterAll(() => api.close());

function tokenFor(r: RouteDef): string | undefined {
  if (r.auth.kind === 'public' || r.auth.kind === 'channel') return undefined;
  if (r.auth.kind === 'staff') return tokens[r.auth.roles[0]];
  if (r.auth.kind === 'pos') return tokens.cashier;
  return tokens.shopper;
}

/** Platforms sign their pushes, so the random bodies reach the order mapping. */
async function channelHeaders(r: RouteDef, path: string, body: string): Promise<Record<string, string>> {
  if (r.auth.kind !== 'channel') return {};
  const ts = Math.floor(Date.now() / 1000);
  const key = channelKey((await getConfig()).keys.integration, 'meituan');
  return { 'x-timestamp': String(ts), 'x-signature': signRequest(key, ts, r.method, path, body) };
}

const samplePath = (r: RouteDef) =>
  fillPath(r.path, { memberId: '100000001', storeId: 'S001', registerId: 'S001-R1', username: 'nobody', scene: 'ABCDEFGH', platform: 'meituan' });

const withBody = (Object.entries(routes) as Array<[string, RouteDef]>).filter(([, r]) => r.body);

describe.each(withBody)('%s', (_id, route) => {
  it('answers random JSON with 2xx/4xx and the error shape, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string(), fc.constant('{"a":'), fc.constant('')), async (raw) => {
        const token = tokenFor(route);
        const res = await fetch(api.url + samplePath(route), {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(await channelHeaders(route, samplePath(route), raw)) },
          body: raw,
        });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          const body = await res.json();
          expect(Object.keys(body)).toEqual(['error']);
          expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect(body.error).toHaveProperty('details');
        }
      }),
      { numRuns: 25 },
    );
  });
});

it('rejects path parameters that do not fit, with the field path', async () => {
  const res = await fetch(`${api.url}/staff/members/not-a-number`, { headers: { authorization: `Bearer ${tokens.ops}` } });
  expect(res.status).toBe(400);
  expect((await res.json()).error.details).toEqual([expect.objectContaining({ path: ['params', 'memberId'] })]);
});
