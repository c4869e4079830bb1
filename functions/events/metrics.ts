import { metricNames } from '../commons/metric-names';
import { MetricUnit, metrics } from '../commons/metrics';
import type { DomainEvent } from './catalogue';

/**
 * Business metrics, derived from the domain events rather than counted in each service: a sale is counted when
 * its item reaches the stream, however the request that wrote it ended.
 *
 * Each metric counts once per event. The consumer counts a record's events only after every reaction for it ran
 * (or had already run), and the counts leave the function only when the invocation answers. Lambda delivers a
 * stream record again only after an invocation that did not answer (nothing was published) or from the record it
 * reported as failed on (not counted yet), so a redelivery never counts twice. Reactions that were skipped because
 * their receipt existed are still counted in that case: the earlier delivery that ran them published nothing.
 */
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

  /** A record whose every reaction is done; `reactionsRun` of them ran in this delivery. */
  handled(events: readonly DomainEvent[], reactionsRun: number): void {
    for (const event of events) for (const [name, value] of businessMetricsOf(event)) this.add(name, value);
    if (reactionsRun) this.add(metricNames.reactionsRun, reactionsRun);
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
