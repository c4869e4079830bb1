import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/http-limits';
import { resetConfig } from './config';

/**
 * The HTTP layer without the local server in front: what a Lambda behind API Gateway answers. The gateway takes
 * bodies up to 10 MB, so the handler itself refuses anything above our limit, in the API's error shape.
 */
beforeAll(() => {
  process.env.APP_SECRETS_JSON = JSON.stringify({ rootKey: 'r'.repeat(40) });
  process.env.TABLE_NAME = 'unit-no-table';
  process.env.DEV_SIGN_IN = '1';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  resetConfig();
});
afterAll(() => resetConfig());

async function invoke(event: Partial<APIGatewayProxyEventV2>): Promise<APIGatewayProxyStructuredResultV2> {
  const { handler } = await import('../handlers/public');
  const full = { version: '2.0', rawPath: '/', rawQueryString: '', headers: {}, isBase64Encoded: false, requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' } }, ...event } as APIGatewayProxyEventV2;
  return (await handler(full, { awsRequestId: 'unit' } as Context)) as APIGatewayProxyStructuredResultV2;
}

describe('the HTTP layer', () => {
  it('answers an oversize body with 413 and the error shape, in the caller’s language', async () => {
    const body = JSON.stringify({ phone: 'x'.repeat(MAX_REQUEST_BODY_BYTES) });
    const en = await invoke({ routeKey: 'POST /auth/dev/otp', rawPath: '/auth/dev/otp', body, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(413);
    expect(JSON.parse(en.body!)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1024 KB', details: null } });
    const zh = await invoke({ routeKey: 'POST /auth/dev/otp', rawPath: '/auth/dev/otp', body });
    expect(JSON.parse(zh.body!).error.message).toBe('请求内容过大（上限 1024 KB）');
  });

  it('answers a route it does not serve with 404 in the error shape', async () => {
    const res = await invoke({ routeKey: 'GET /nowhere', rawPath: '/nowhere', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body!)).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /nowhere', details: null } });
  });
});
