import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/**
 * Every Lambda logs with its invocation's context (Powertools): the function, the request id and whether this
 * was a cold start. The HTTP layer also counts 5xx answers as an EMF metric by route group.
 */
const lines: Array<Record<string, unknown>> = [];
beforeAll(() => {
  Object.assign(process.env, {
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_METRICS_DISABLED: 'false',
    APP_SECRETS_JSON: JSON.stringify({ rootKey: 'r'.repeat(40) }),
    TABLE_NAME: 'unit-no-table',
  });
  // Powertools writes log lines to stdout (errors to stderr) and EMF lines to stdout.
  const capture = ((chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  }) as never;
  jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  jest.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterAll(() => jest.restoreAllMocks());

const context = (awsRequestId: string) => ({ awsRequestId, functionName: 'membership-public', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:membership-public', memoryLimitInMB: '512' }) as Context;
const event = (routeKey: string) =>
  ({ version: '2.0', routeKey, rawPath: '/', rawQueryString: '', headers: {}, isBase64Encoded: false, requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' } } }) as unknown as APIGatewayProxyEventV2;

it('a route group logs with the request id and cold start, and counts a 5xx as HttpServerErrors by group', async () => {
  const { routeGroupHandler } = await import('./http');
  const { routes } = await import('../../shared/routes');
  const ids = Object.entries(routes).filter(([, r]) => r.group === 'public').map(([id]) => id);
  const boom = async () => {
    throw new Error('a bug of ours');
  };
  const handler = routeGroupHandler('public', Object.fromEntries(ids.map((id) => [id, boom])) as never);

  const first = (await handler(event('GET /health'), context('req-1'))) as APIGatewayProxyStructuredResultV2;
  expect(first.statusCode).toBe(500);
  const second = (await handler(event('GET /nowhere'), context('req-2'))) as APIGatewayProxyStructuredResultV2;
  expect(second.statusCode).toBe(404);

  const error = lines.find((l) => l.message === 'unhandled error')!;
  expect(error).toMatchObject({ level: 'ERROR', function_request_id: 'req-1', function_name: 'membership-public', cold_start: true, service: 'membership' });
  const emf = lines.filter((l) => l._aws);
  expect(emf).toHaveLength(1); // the 404 is the caller's: not counted
  expect(emf[0]).toMatchObject({ HttpServerErrors: 1, group: 'public', service: 'membership', _aws: { CloudWatchMetrics: [{ Namespace: 'Membership', Dimensions: [['service', 'group']] }] } });
});

it('the jobs and events functions log with their invocation context too', async () => {
  const { logger } = await import('./logger');
  const { handler: jobs } = await import('../handlers/jobs');
  await expect(jobs({ job: 'nope' }, context('job-req'))).rejects.toThrow();
  logger.info('after the jobs invocation');
  const { handler: events } = await import('../handlers/events');
  await events({ Records: [] }, context('events-req'));
  logger.info('after the events invocation');
  const after = lines.filter((l) => String(l.message).startsWith('after the'));
  // Keys set during an invocation stay until the next one; the request id is that invocation's, and only the first was cold.
  expect(after.map((l) => [l.function_request_id, l.cold_start])).toEqual([
    ['job-req', false],
    ['events-req', false],
  ]);
});
