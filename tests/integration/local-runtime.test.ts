/**
 * The local runtime behind `npm start`: DynamoDB Local's lifecycle, the table setup, the API Gateway stand-in,
 * the job scheduler and the H5 file server. Handlers here are fakes; the real ones are covered by the API tests.
 * This file starts its own in-memory DynamoDB Local, so it does not depend on the shared global setup.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routeGroups, type RouteGroup } from '../../shared/routes';
import { BUSINESS_TIME_ZONE } from '../../shared/schedules';
import { startApiServer, type ApiServer, type HttpHandler } from '../../local/api-server';
import { localDynamoClient, pingDynamo, startDynamoLocal, type DynamoLocal } from '../../local/dynamo';
import { nextRun, startScheduler } from '../../local/scheduler';
import { startStaticServer, type StaticServer } from '../../local/static-server';
import { tableDefinition } from '../../functions/commons/keys';
import { ensureTable } from '../../local/table';
import { corsPolicy } from '../../shared/cors';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A raw request: unlike fetch, http.request sends the path as written (no `..` normalisation). */
function rawRequest(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('DynamoDB Local and the table', () => {
  let dynamo: DynamoLocal;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startDynamoLocal({});
    client = localDynamoClient(dynamo.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  test('starts on a free port and answers', async () => {
    expect(dynamo.port).toBeGreaterThan(0);
    expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
    expect(alive(dynamo.pid)).toBe(true);
    expect(await pingDynamo(dynamo.endpoint)).toBe(true);
  });

  test('ensureTable creates the table with its GSIs and TTL, and is idempotent', async () => {
    const first = await ensureTable(client, 'local-runtime-a');
    expect(first).toEqual({ created: true, addedIndexes: [], ttlTurnedOn: true, streamTurnedOn: false });

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'local-runtime-a' }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const indexes = Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType, i.KeySchema?.map((k) => k.AttributeName)]);
    expect(indexes?.sort()).toEqual(tableDefinition.globalSecondaryIndexes.map((g) => [g.indexName, 'ALL', [g.partitionKey, g.sortKey]]).sort());
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'local-runtime-a' }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
    // The stream domain events are read from, with the view the CDK stack gives the cloud table.
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: tableDefinition.streamViewType });
    expect(Table?.LatestStreamArn).toBeDefined();

    const again = await ensureTable(client, 'local-runtime-a');
    expect(again).toEqual({ created: false, addedIndexes: [], ttlTurnedOn: false, streamTurnedOn: false });
  });

  test('ensureTable brings an older table up to date (missing GSI, TTL off)', async () => {
    await client.send(
      new CreateTableCommand({
        TableName: 'local-runtime-old',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
      }),
    );
    const all = tableDefinition.globalSecondaryIndexes.map((g) => g.indexName);
    expect(await ensureTable(client, 'local-runtime-old')).toEqual({ created: false, addedIndexes: all, ttlTurnedOn: true, streamTurnedOn: true });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'local-runtime-old' }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]).sort()).toEqual(all.map((n) => [n, 'ACTIVE']).sort());
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: tableDefinition.streamViewType });
    expect(await ensureTable(client, 'local-runtime-old')).toEqual({ created: false, addedIndexes: [], ttlTurnedOn: false, streamTurnedOn: false });
  });

  test('stop() ends the java process', async () => {
    const other = await startDynamoLocal({ port: 0 });
    expect(alive(other.pid)).toBe(true);
    await other.stop();
    expect(alive(other.pid)).toBe(false);
    expect(await pingDynamo(other.endpoint, 500)).toBe(false);
    await other.stop(); // a second stop is harmless
  });
});

describe('local API server', () => {
  let server: ApiServer;
  const calls: Array<{ group: RouteGroup; event: APIGatewayProxyEventV2; context: Context }> = [];
  let reply: (event: APIGatewayProxyEventV2) => Promise<unknown> = async () => ({ statusCode: 200, body: '{}' });
  const logs: string[] = [];

  beforeAll(async () => {
    const handlers = Object.fromEntries(
      routeGroups.map((group) => [
        group,
        (async (event, context) => {
          calls.push({ group, event, context });
          return reply(event);
        }) as HttpHandler,
      ]),
    ) as Record<RouteGroup, HttpHandler>;
    server = await startApiServer({ port: 0, handlers, log: (l) => logs.push(l), maxBodyBytes: 1024 });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    calls.length = 0;
    logs.length = 0;
    reply = async () => ({ statusCode: 200, body: '{}' });
  });

  test('builds a payload v2.0 event for a route with path parameters and a query string', async () => {
    const res = await rawRequest(server.url, {
      path: '/staff/members/M%2F%E4%BC%9A1?b=2&a=1&a=3&q=%E4%B8%AD+x',
      headers: { Authorization: 'Bearer t', 'X-Multi': 'one', Cookie: 'a=1; b=2', 'User-Agent': 'jest-agent' },
    });
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(1);
    const { group, event, context } = calls[0];
    expect(group).toBe('staff');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /staff/members/{memberId}',
      rawPath: '/staff/members/M%2F%E4%BC%9A1',
      rawQueryString: 'b=2&a=1&a=3&q=%E4%B8%AD+x',
      cookies: ['a=1', 'b=2'],
      pathParameters: { memberId: 'M/会1' },
      queryStringParameters: { a: '1,3', b: '2', q: '中 x' },
      isBase64Encoded: false,
      requestContext: {
        accountId: expect.any(String),
        apiId: expect.any(String),
        domainName: `127.0.0.1:${server.port}`,
        http: { method: 'GET', path: '/staff/members/M%2F%E4%BC%9A1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest-agent' },
        requestId: expect.any(String),
        routeKey: 'GET /staff/members/{memberId}',
        stage: '$default',
        time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: expect.any(Number),
      },
    });
    expect(event.headers).toMatchObject({ authorization: 'Bearer t', 'x-multi': 'one', 'user-agent': 'jest-agent' });
    expect(event.headers.cookie).toBeUndefined(); // moved to `cookies`, as API Gateway does
    expect(Object.keys(event.headers).every((k) => k === k.toLowerCase())).toBe(true);
    expect(event.body).toBeUndefined();
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5000);
    expect(context.functionName).toBe('membership-staff');
    expect(context.awsRequestId).toBe(event.requestContext.requestId);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(res.headers['apigw-requestid']).toBe(event.requestContext.requestId);
  });

  test('a route without parameters has no pathParameters or queryStringParameters; JSON bodies are text', async () => {
    await rawRequest(server.url, { method: 'POST', path: '/members/join', headers: { 'content-type': 'application/json' }, body: '{"x":"中"}' });
    const { group, event } = calls[0];
    expect(group).toBe('shopper');
    expect(event.routeKey).toBe('POST /members/join');
    expect(event.pathParameters).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
    expect(event.rawQueryString).toBe('');
    expect(event.body).toBe('{"x":"中"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  test('a binary body arrives base64-encoded', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    await rawRequest(server.url, { method: 'POST', path: '/pos/identify', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(calls[0].event.isBase64Encoded).toBe(true);
    expect(Buffer.from(calls[0].event.body!, 'base64')).toEqual(bytes);
  });

  test('maps results like API Gateway: structured, bare object, string', async () => {
    reply = async () => ({ statusCode: 201, headers: { 'X-Thing': 7, 'content-type': 'application/json' }, cookies: ['s=1; HttpOnly', 't=2'], body: '{"ok":true}' });
    let res = await fetch(`${server.url}/staff/accounts`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-thing')).toBe('7');
    expect(res.headers.getSetCookie()).toEqual(['s=1; HttpOnly', 't=2']);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ ok: true });

    reply = async () => ({ hello: 'world' });
    res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ hello: 'world' });

    reply = async () => 'plain';
    res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('plain');

    reply = async () => ({ statusCode: 200, isBase64Encoded: true, body: Buffer.from('bin').toString('base64'), headers: { 'content-type': 'image/png' } });
    res = await fetch(`${server.url}/health`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('bin');
  });

  test('unknown path and wrong method answer 404 in the error shape', async () => {
    let res = await fetch(`${server.url}/no/such/path`);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), details: null } });

    res = await fetch(`${server.url}/health`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('DELETE /health'), details: null } });
    expect(calls).toHaveLength(0);
  });

  test('answers CORS preflights without calling a handler', async () => {
    const res = await fetch(`${server.url}/members/join`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    // The same policy the CDK stack gives API Gateway (shared/cors.ts).
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual([...corsPolicy.allowHeaders]);
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual([...corsPolicy.allowMethods]);
    expect(res.headers.get('access-control-max-age')).toBe(String(corsPolicy.maxAgeSeconds));
    expect(calls).toHaveLength(0);
  });

  test('a handler that throws gives 500 in the error shape and is logged', async () => {
    reply = async () => {
      throw new Error('boom');
    };
    const res = await fetch(`${server.url}/staff/me`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String), details: null } });
    expect(logs.join('\n')).toContain('boom');
  });

  test('refuses bodies over the limit with 413', async () => {
    const res = await fetch(`${server.url}/members/join`, { method: 'POST', body: 'x'.repeat(2048), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), details: null } });
    expect(calls).toHaveLength(0);
  });
});

describe('scheduler', () => {
  afterEach(() => jest.useRealTimers());

  test('computes the next run in Asia/Shanghai from the six-field cron', () => {
    // 00:05 in Shanghai (UTC+8) is 16:05 UTC of the day before.
    expect(nextRun('5 0 * * ? *', BUSINESS_TIME_ZONE, new Date('2026-11-05T10:00:00Z')).toISOString()).toBe('2026-11-05T16:05:00.000Z');
    expect(nextRun('5 0 * * ? *', BUSINESS_TIME_ZONE, new Date('2026-11-05T16:05:00Z')).toISOString()).toBe('2026-11-06T16:05:00.000Z');
  });

  test('next() reports each job at its next 16:05 UTC', async () => {
    const s = startScheduler({ schedules: [{ name: 'join-stats', cron: '5 0 * * ? *', description: '' }], timeZone: BUSINESS_TIME_ZONE, run: async () => undefined, log: () => undefined });
    try {
      const [n] = s.next();
      expect(n.name).toBe('join-stats');
      expect([n.at.getUTCHours(), n.at.getUTCMinutes(), n.at.getUTCSeconds()]).toEqual([16, 5, 0]);
      expect(n.at.getTime() - Date.now()).toBeGreaterThan(0);
      expect(n.at.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    } finally {
      await s.stop();
    }
  });

  test('a failing run is logged and the schedule goes on; runs of one job never overlap', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-05T15:59:30Z') });
    const logs: string[] = [];
    let calls = 0;
    let release: () => void = () => undefined;
    const s = startScheduler({
      schedules: [{ name: 'every-minute', cron: '* * * * ? *', description: '' }],
      timeZone: BUSINESS_TIME_ZONE,
      log: (l) => logs.push(l),
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('first run fails');
        if (calls === 2) await new Promise<void>((r) => (release = r)); // a slow run spanning the next ticks
      },
    });
    expect(s.next()[0].at.toISOString()).toBe('2026-11-05T16:00:00.000Z');

    await jest.advanceTimersByTimeAsync(30_000); // 16:00: run 1 throws
    expect(calls).toBe(1);
    expect(logs.join('\n')).toContain('first run fails');
    expect(s.next()[0].at.toISOString()).toBe('2026-11-05T16:01:00.000Z');

    await jest.advanceTimersByTimeAsync(60_000); // 16:01: run 2 starts and hangs
    expect(calls).toBe(2);
    await jest.advanceTimersByTimeAsync(120_000); // 16:02, 16:03: skipped, run 2 still going
    expect(calls).toBe(2);
    expect(logs.filter((l) => l.includes('skipping'))).toHaveLength(2);

    release();
    await jest.advanceTimersByTimeAsync(60_000); // 16:04: runs again
    expect(calls).toBe(3);
    await s.stop();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(calls).toBe(3); // nothing after stop()
  });
});

describe('static server for the H5 build', () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><html><head><title>app</title></head><body><div id="app"></div></body></html>');
    fs.mkdirSync(path.join(root, 'js'));
    fs.writeFileSync(path.join(root, 'js', 'app.0123abcd.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'logo.svg'), '<svg/>');
    fs.writeFileSync(path.join(path.dirname(root), `secret-${path.basename(root)}.txt`), 'secret');
    server = await startStaticServer({ root, port: 0, runtimeConfig: { apiBaseUrl: 'http://127.0.0.1:3000', devMode: true, note: '</script>' } });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.join(path.dirname(root), `secret-${path.basename(root)}.txt`), { force: true });
  });

  test('/config.js carries the runtime configuration, uncached', async () => {
    const res = await fetch(`${server.url}/config.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toMatch(/^window\.__MEMBERSHIP_CONFIG__ = \{.*\};\n$/);
    expect(text).not.toContain('</script>');
    const json = text.slice('window.__MEMBERSHIP_CONFIG__ = '.length, -2);
    expect(JSON.parse(json)).toEqual({ apiBaseUrl: 'http://127.0.0.1:3000', devMode: true, note: '</script>' });
  });

  test('serves files with their content types, and index.html (with config.js) for app routes', async () => {
    let res = await fetch(`${server.url}/js/app.0123abcd.js`);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');

    res = await fetch(`${server.url}/logo.svg`);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');

    for (const p of ['/', '/pages/join/index', '/index.html']) {
      res = await fetch(`${server.url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<div id="app">');
      expect(html).toContain('<script src="/config.js"></script>');
    }

    res = await fetch(`${server.url}/js/missing.js`);
    expect(res.status).toBe(404);
  });

  test('a page that already loads config.js (relatively) is left alone, and the relative load works on app routes', async () => {
    fs.mkdirSync(path.join(root, 'other'));
    fs.writeFileSync(path.join(root, 'other', 'index.html'), '<html><head><script src="config.js"></script></head></html>');
    const html = await (await fetch(`${server.url}/other/`)).text();
    expect(html.match(/config\.js/g)).toHaveLength(1);
    const res = await fetch(`${server.url}/pages/join/config.js`);
    expect(await res.text()).toMatch(/^window\.__MEMBERSHIP_CONFIG__ = /);
  });

  test('refuses path traversal', async () => {
    const secret = `secret-${path.basename(root)}.txt`;
    for (const p of [`/../${secret}`, `/%2e%2e/${secret}`, `/js/..%2f..%2f${secret}`, `/..%5c${secret}`, '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/a%00.js']) {
      const res = await rawRequest(server.url, { path: p });
      expect([p, res.status]).toEqual([p, 403]);
      expect(res.body).not.toContain('secret');
    }
  });
});
