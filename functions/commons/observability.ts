import type middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from './logger';
import { metricNames } from './metric-names';
import { MetricUnit, metrics, publishMetrics } from './metrics';

/**
 * What every Lambda does around each invocation: Powertools' Lambda context on every log line (function name,
 * request id, cold start), keys added during the invocation dropped after it. Tracing is Lambda's active
 * tracing (infra), not a library in the bundle.
 */
export const lambdaContext = () => injectLambdaContext(logger, { resetKeys: true });

/** The HTTP route groups: the Lambda context, and a 5xx answer counted (`HttpServerErrors`, by group) and published. */
export function httpObservability(group: string): Array<middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>> {
  const count = (request: { response?: APIGatewayProxyStructuredResultV2 | null }) => {
    if ((request.response?.statusCode ?? 500) >= 500) {
      metrics().addDimension('group', group);
      metrics().addMetric(metricNames.httpServerErrors, MetricUnit.Count, 1);
    }
    publishMetrics();
  };
  // Registered before the error-response middleware, so its onError runs after that one has set the answer.
  return [lambdaContext(), { after: count, onError: count }];
}
