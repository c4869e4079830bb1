import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../shared/errors';
import type { RangeProblem } from '../../shared/rules/report-range';
import { ddb } from './dynamodb';
import { badRequest, msg } from './errors';

/**
 * What the staff reports share: turning a range's problems into one 400 (every field named, both languages),
 * and reading one partition (a day's counters), whole or one store's part, counting what it read.
 */

/** Counts a report request's reads (tests and the docs' figures: queries and items per request). */
export interface ReadMeter {
  queries: number;
  items: number;
}
export const newMeter = (): ReadMeter => ({ queries: 0, items: 0 });

/** A range the rules refused: 400 DATE_IN_FUTURE when its only fault is the future, else VALIDATION_FAILED. */
export function assertReportRange(problems: readonly RangeProblem[]): void {
  if (!problems.length) return;
  const code = problems.every((p) => p.kind === 'future') ? ErrorCode.DATE_IN_FUTURE : ErrorCode.VALIDATION;
  throw badRequest(
    code,
    msg(`查询日期有误：${problems.map((p) => p.message.zh).join('；')}`, `Invalid report dates: ${problems.map((p) => p.message.en).join('; ')}`),
    problems.map((p) => ({ path: ['query', p.field], message: p.message.en, code: p.kind })),
  );
}

/** Every item of partition `pk` (sort keys beginning with `skPrefix` when given), through all its pages. */
export async function queryPartition(tableName: string, pk: string, skPrefix?: string, meter?: ReadMeter): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  const pages = paginateQuery(
    { client: ddb() },
    {
      TableName: tableName,
      KeyConditionExpression: skPrefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
    },
  );
  for await (const page of pages) {
    if (meter) {
      meter.queries++;
      meter.items += page.Count ?? 0;
    }
    items.push(...(page.Items ?? []));
  }
  return items;
}
