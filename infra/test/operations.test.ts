import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { tableDefinition } from '../../functions/commons/keys';
import { metricNames } from '../../functions/commons/metric-names';
import { type FunctionName, leadingKeyPatterns, tableAccess } from '../../functions/commons/table-access';
import { JOB_SHARD_MAX_RECEIVES } from '../../functions/jobs/shard-queue';
import { routeGroups } from '../../shared/routes';
import { jobSchedules } from '../../shared/schedules';
import { MembershipStack } from '../lib/membership-stack';

/**
 * Operations in the template (DynamoDB Local ignores IAM, so this is where least privilege is proven): each
 * function's table policy is exactly what functions/commons/table-access.ts declares (which the table-access
 * integration test proves against the code), the job fan-out's queue, retries and dead letters, the alarms, and
 * active tracing.
 */
const cdkContext = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')).context;
const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
const stack = new MembershipStack(app, 'Membership-ops', { stage: 'dev' });
const template = Template.fromStack(stack);
const json = template.toJSON();
const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnResource);
const resourcesOf = (type: string): [string, any][] => Object.entries(json.Resources as Record<string, any>).filter(([, r]) => r.Type === type);
const arnOf = (c: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [logicalId(c), 'Arn'] });

const fns: FunctionName[] = [...routeGroups, 'jobs', 'events'];
function statementsOf(fn: FunctionName): any[] {
  const roleId = json.Resources[logicalId(stack.functions[fn])].Properties.Role['Fn::GetAtt'][0];
  return resourcesOf('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}
const actionsIn = (s: any): string[] => [s.Action].flat();
const tableArn = arnOf(stack.table);
const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });

describe.each(fns)('the %s function', (fn) => {
  const statements = statementsOf(fn);
  const dynamo = statements.filter((s) => actionsIn(s).some((a) => a.startsWith('dynamodb:')));
  const declared = tableAccess[fn];

  it('may do to the table exactly what table-access.ts declares for it (key prefixes too, where limited)', () => {
    const onTable = dynamo.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(tableArn));
    expect(onTable).toHaveLength(1);
    expect(actionsIn(onTable[0]).sort()).toEqual(declared.table.map((a) => `dynamodb:${a}`).sort());
    if (declared.leadingKeys) {
      expect(onTable[0].Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(declared.leadingKeys) } });
    } else {
      expect(onTable[0].Condition).toBeUndefined();
    }
    const onIndexes = dynamo.filter((s) => JSON.stringify(s.Resource).includes('/index/'));
    if (declared.indexes.length) {
      expect(onIndexes).toEqual([{ Action: 'dynamodb:Query', Effect: 'Allow', Resource: declared.indexes.length === 1 ? indexArn(declared.indexes[0]) : declared.indexes.map(indexArn) }]);
    } else {
      expect(onIndexes).toEqual([]);
    }
    // Nothing else on the table: the events function's stream reads are on the stream.
    const rest = dynamo.filter((s) => !onTable.includes(s) && !onIndexes.includes(s));
    const streamActions = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
    for (const s of rest) expect(actionsIn(s).filter((a) => a.startsWith('dynamodb:') && !streamActions.includes(a))).toEqual([]);
    expect(rest.length > 0).toBe(fn === 'events');
  });

  it('traces actively (Lambda’s own X-Ray segments)', () => {
    expect(json.Resources[logicalId(stack.functions[fn])].Properties.TracingConfig).toEqual({ Mode: 'Active' });
  });
});

it('no function may delete or batch-write unless its code does; the public function cannot reach members, sales or ledgers', () => {
  const allows = (fn: FunctionName, action: string) => statementsOf(fn).some((s) => actionsIn(s).includes(action));
  for (const fn of fns) expect([fn, allows(fn, 'dynamodb:BatchWriteItem'), allows(fn, 'dynamodb:Scan')]).toEqual([fn, false, false]);
  // Only the register's writes check the cashier's account at commit (a ConditionCheck in the transaction).
  expect(fns.filter((fn) => allows(fn, 'dynamodb:ConditionCheckItem'))).toEqual(['pos']);
  expect(fns.filter((fn) => allows(fn, 'dynamodb:DeleteItem'))).toEqual(fns.filter((fn) => tableAccess[fn].table.includes('DeleteItem')));
  // The stream consumer deletes only a deleted membership's messages (rule 15.3); its policy allows no Scan or batch write.
  expect(allows('events', 'dynamodb:DeleteItem')).toBe(tableAccess.events.table.includes('DeleteItem'));
  const patterns = leadingKeyPatterns(tableAccess.public.leadingKeys!);
  for (const forbidden of ['MEMBER#', 'SALE#', 'RETURN#', 'LIABILITY', 'JOBMARK#', 'COUNTER#']) expect(patterns.some((p) => forbidden.startsWith(p.replace(/\*$/, '')))).toBe(false);
  expect(tableDefinition.partitionKey).toBe('PK'); // LeadingKeys is the table's partition key
});

describe('job fan-out', () => {
  const jobsId = logicalId(stack.functions.jobs);
  const jobs = json.Resources[jobsId];

  it('the job-shard queue redrives to the dead-letter queue after the receives the local emulation uses, and hides a shard longer than it may run', () => {
    const queue = json.Resources[logicalId(stack.jobShards)];
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(stack.jobDeadLetters), maxReceiveCount: JOB_SHARD_MAX_RECEIVES });
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(jobs.Properties.Timeout);
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const dlq = json.Resources[logicalId(stack.jobDeadLetters)];
    expect(dlq.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true });
  });

  it('the jobs function consumes it one shard at a time with partial batch responses, and sends to it', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: jobsId },
      EventSourceArn: arnOf(stack.jobShards),
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(jobs.Properties.Environment.Variables.JOB_QUEUE_URL).toEqual({ Ref: logicalId(stack.jobShards) });
    expect(jobs.Properties.Environment.Variables.JOBS_FAN_OUT).toBeUndefined();
    const send = statementsOf('jobs').filter((s) => actionsIn(s).includes('sqs:SendMessage'));
    expect(send.map((s) => s.Resource)).toEqual(expect.arrayContaining([arnOf(stack.jobShards), arnOf(stack.jobDeadLetters)]));
    // No more self-invocation.
    expect(statementsOf('jobs').some((s) => actionsIn(s).includes('lambda:InvokeFunction'))).toBe(false);
  });

  it('a scheduled run that fails is retried twice, then goes to the dead-letter queue; so does an invocation the scheduler could not make', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: jobsId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnOf(stack.jobDeadLetters) } },
    });
    const schedules = resourcesOf('AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(jobSchedules.length);
    for (const [, sch] of schedules) expect(sch.Properties.Target.DeadLetterConfig).toEqual({ Arn: arnOf(stack.jobDeadLetters) });
  });
});

describe('alarms', () => {
  const alarms = resourcesOf('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it('on each dead-letter queue: one message is enough', () => {
    for (const queue of [stack.jobDeadLetters, stack.eventsDeadLetters]) {
      expect(alarms.filter((a) => JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } }]))).toEqual([
        expect.objectContaining({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' }),
      ]);
    }
  });

  it('on job failures: the jobs function’s errors plus the shards it reported failed', () => {
    const failures = alarms.filter((a) => a.Metrics?.some((m: any) => m.Expression?.includes('shardFailures')));
    expect(failures).toHaveLength(1);
    const byId = Object.fromEntries(failures[0].Metrics.map((m: any) => [m.Id, m]));
    expect(byId.errors.MetricStat.Metric).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.functions.jobs) } }] });
    expect(byId.shardFailures.MetricStat.Metric).toEqual({ Namespace: 'Membership', MetricName: metricNames.jobShardFailures, Dimensions: [{ Name: 'service', Value: 'membership' }] });
    expect(failures[0]).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
  });

  it('on each job whose watermark is more than a day behind', () => {
    for (const job of jobSchedules) {
      expect(alarms.filter((a) => a.MetricName === metricNames.watermarkLagDays && a.Dimensions.some((d: any) => d.Name === 'job' && d.Value === job.name))).toEqual([
        expect.objectContaining({
          Namespace: 'Membership',
          Statistic: 'Maximum',
          Period: 86400,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
          Dimensions: [
            { Name: 'job', Value: job.name },
            { Name: 'service', Value: 'membership' },
          ],
        }),
      ]);
    }
  });
});
