import { eventsOf } from './catalogue';
import { BUSINESS_METRICS_REACTION, businessMetricsOf, businessMetricsReaction, EventTally } from './metrics';

describe('business metrics from domain events', () => {
  const sale = eventsOf({
    eventName: 'INSERT',
    newImage: { PK: 'SALE#S001#R1', SK: 'SALE', type: 'sale', saleId: 'S001-R1', storeId: 'S001', memberId: '100000001', netFen: 4200, soldAt: 'x', result: { points: { earned: 42, spent: 300 } } },
  })[0];

  it('a sale counts once, with its value and the points it earned and spent', () => {
    expect(sale).toMatchObject({ type: 'SaleRecorded', pointsEarned: 42, pointsSpent: 300 });
    expect(Object.fromEntries(businessMetricsOf(sale))).toEqual({ SalesRecorded: 1, SalesNetFen: 4200, PointsEarned: 42, PointsSpent: 300 });
  });

  it('the reaction listens to exactly the events that carry business metrics, and its receipts expire', () => {
    const join = eventsOf({ eventName: 'INSERT', newImage: { PK: 'MEMBER#1', SK: 'PROFILE', type: 'member', memberId: '1', joinedAt: 'x', joinChannel: 'scan' } })[0];
    expect(businessMetricsOf(join)).toEqual([['MembersJoined', 1]]);
    expect(businessMetricsReaction.on).toEqual(['MemberJoined', 'SaleRecorded', 'SaleReturned', 'TierChanged']);
    expect(businessMetricsReaction.receiptTtlDays).toBeGreaterThan(1);
  });

  it('a tally counts business metrics only for the business-metrics reaction that ran, and every reaction run', () => {
    const tally = new EventTally();
    tally.ran('liability-counters', sale);
    tally.ran(BUSINESS_METRICS_REACTION, sale);
    tally.ran(BUSINESS_METRICS_REACTION, sale);
    tally.failed();
    expect(tally.counts).toEqual({ ReactionsRun: 3, SalesRecorded: 2, SalesNetFen: 8400, PointsEarned: 84, PointsSpent: 600, ReactionFailures: 1 });
  });
});
