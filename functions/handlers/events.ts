import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from '../commons/observability';
import { handler as consume } from '../events/consumer';

/** Lambda for the domain events: the table's stream is its event source (partial batch responses on). */
const withContext = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().use(lambdaContext()).handler((batch) => consume(batch));

export const handler = (batch: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => withContext(batch, context ?? ({} as Context));
