import { metricNames } from '../commons/metric-names';
import { MetricUnit, metrics } from '../commons/metrics';
import type { DomainEvent } from './catalogue';
import type { Reaction } from './reaction';

/**
 * Business metrics, derived from the domain events rather than counted in each service: a sale is counted when
 * its item reaches the stream, however the request that wrote it ended.
 *
 * They are counted by a reaction, so exactly the events whose `business-metrics` reaction actually ran in this
 * delivery are counted: a redelivered record (a retried batch, or a replay of the stream after the event source is
 * recreated) finds the reaction's receipt and counts nothing twice. The reaction itself does nothing; the consumer
 * counts it once its receipt is written, and the function publishes the counts when the invocation ends (an
 * invocation that dies before that loses its counts rather than doubling them). Its receipts expire after a week:
 * the stream keeps records for a day.
 */
export const BUSINESS_METRICS_REACTION = 'business-metrics';

export const businessMetricsReaction: Reaction = {
  name: BUSINESS_METRICS_REACTION,
  on: ['MemberJoined', 'SaleRecorded', 'SaleReturned', 'TierChanged'],
  receiptTtlDays: 7,
  react: async () => undefined,
};

export function businessMetricsOf(event: DomainEvent): Array<[name: string, value: number]> {
  switch (event.type) {
    case 'MemberJoined':
      return [[metricNames.membersJoined, 1]];
    case 'SaleRecorded':
      return [
        [metricNames.salesRecorded, 1],
        [metricNames.salesNetFen, event.netFen],
        [metricNames.pointsEarned, event.pointsEarned],
        [metricNames.pointsSpent, event.pointsSpent],
      ];
    case 'SaleReturned':
      return [[metricNames.salesReturned, 1]];
    case 'TierChanged':
      return [[metricNames.tierChanges, 1]];
    default:
      return [];
  }
}

/** One batch's counts, summed per metric and added to the Powertools buffer once (one value each). */
export class EventTally {
  private readonly sums = new Map<string, number>();

  private add(name: string, value: number) {
    this.sums.set(name, (this.sums.get(name) ?? 0) + value);
  }

  /** A reaction ran for this event in this delivery (its receipt is written). */
  ran(reaction: string, event: DomainEvent): void {
    this.add(metricNames.reactionsRun, 1);
    if (reaction === BUSINESS_METRICS_REACTION) for (const [name, value] of businessMetricsOf(event)) this.add(name, value);
  }

  failed(): void {
    this.add(metricNames.reactionFailures, 1);
  }

  get counts(): Record<string, number> {
    return Object.fromEntries(this.sums);
  }

  record(): void {
    for (const [name, value] of this.sums) metrics().addMetric(name, MetricUnit.Count, value);
  }
}
