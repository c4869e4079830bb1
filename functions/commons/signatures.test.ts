import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { canonicalQuery, signRequest, verifySignedRequest } from './signatures';
import { HttpError } from './errors';

const key = 'k'.repeat(64);
const now = () => Math.floor(Date.now() / 1000);

function event(method: string, rawPath: string, rawQueryString: string, body: string, headers: Record<string, string>): APIGatewayProxyEventV2 {
  return { rawPath, rawQueryString, headers, body, isBase64Encoded: false, requestContext: { http: { method } } } as unknown as APIGatewayProxyEventV2;
}
const signed = (method: string, target: string, body: string, ts = now()) => ({ 'x-timestamp': String(ts), 'x-signature': signRequest(key, ts, method, target, body) });
const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return { status: (err as HttpError).status, code: (err as HttpError).code };
  }
  return 'accepted';
};

describe('request signatures', () => {
  it('cover the query string: a changed, added or removed parameter is refused', () => {
    const headers = signed('GET', '/pos/x?date=2026-11-30&limit=5', '');
    expect(refusal(() => verifySignedRequest(event('GET', '/pos/x', 'date=2026-11-30&limit=5', '', headers), key))).toBe('accepted');
    for (const tampered of ['date=2026-11-30&limit=500', 'date=2026-11-30', 'date=2026-11-30&limit=5&x=1', '']) {
      expect(refusal(() => verifySignedRequest(event('GET', '/pos/x', tampered, '', headers), key))).toEqual({ status: 401, code: 'BAD_SIGNATURE' });
    }
  });

  it('sort the query by key, so the order parameters travel in does not matter', () => {
    const headers = signed('GET', '/pos/x?limit=5&date=2026-11-30', '');
    expect(refusal(() => verifySignedRequest(event('GET', '/pos/x', 'date=2026-11-30&limit=5', '', headers), key))).toBe('accepted');
  });

  it('cover method, path, body and time', () => {
    const body = '{"a":1}';
    const headers = signed('POST', '/pos/sales', body);
    expect(refusal(() => verifySignedRequest(event('POST', '/pos/sales', '', body, headers), key))).toBe('accepted');
    expect(refusal(() => verifySignedRequest(event('POST', '/pos/sales', '', '{"a":2}', headers), key))).toMatchObject({ status: 401 });
    expect(refusal(() => verifySignedRequest(event('POST', '/pos/returns', '', body, headers), key))).toMatchObject({ status: 401 });
    expect(refusal(() => verifySignedRequest(event('PUT', '/pos/sales', '', body, headers), key))).toMatchObject({ status: 401 });
    const stale = signed('POST', '/pos/sales', body, now() - 301);
    expect(refusal(() => verifySignedRequest(event('POST', '/pos/sales', '', body, stale), key))).toEqual({ status: 401, code: 'BAD_SIGNATURE' });
  });

  it('refuse a malformed query or signature with a 401, never a crash', () => {
    const headers = signed('GET', '/pos/x', '');
    expect(refusal(() => verifySignedRequest(event('GET', '/pos/x', 'a=%E0%A4%A', '', headers), key))).toEqual({ status: 401, code: 'BAD_SIGNATURE' });
    expect(refusal(() => verifySignedRequest(event('GET', '/pos/x', '', '', { ...headers, 'x-signature': 'zz' }), key))).toEqual({ status: 401, code: 'BAD_SIGNATURE' });
  });

  it('canonical query: decoded then RFC 3986-encoded, sorted by key then value, repeats kept', () => {
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('b=2&a=1')).toBe('a=1&b=2');
    expect(canonicalQuery('q=a+b&p=%7e&z=x*y&z=a')).toBe('p=~&q=a%20b&z=a&z=x%2Ay');
    expect(canonicalQuery('flag&empty=')).toBe('empty=&flag=');
  });
});
