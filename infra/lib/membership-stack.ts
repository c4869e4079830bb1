import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, DomainName, HttpApi, HttpMethod, LogGroupLogDestination, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { tableDefinition } from '../../functions/commons/keys';
import { METRICS_NAMESPACE, metricNames, SERVICE_NAME } from '../../functions/commons/metric-names';
import { type FunctionName, leadingKeyPatterns, tableAccess } from '../../functions/commons/table-access';
import { JOB_SHARD_MAX_RECEIVES } from '../../functions/jobs/shard-queue';
import { type RouteGroup, routeGroups, routes } from '../../shared/routes';
import { BUSINESS_TIME_ZONE, jobSchedules } from '../../shared/schedules';
import { AppSecret } from './app-secret';
import { corsPolicy } from '../../shared/cors';
import { ConsoleSite } from './console-site';

export type DeployStage = 'dev' | 'prod';
export type { FunctionName };

export interface MembershipStackProps extends StackProps {
  stage: DeployStage;
  /** Custom domain for the HTTP API; WeChat only calls HTTPS domains with an ICP filing. Needs certificateArn. */
  domainName?: string;
  /** ACM certificate for domainName, in the stack's region. */
  certificateArn?: string;
  wechatAppId?: string;
  /** Custom domain for the staff console (CloudFront), with consoleCertificateArn. */
  consoleDomainName?: string;
  consoleCertificateArn?: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const API_THROTTLE = { burstLimit: 500, rateLimit: 1000 };

/** The jobs function's timeout: a shard's night of work, and the base of the job-shard queue's visibility. */
const JOBS_TIMEOUT = Duration.minutes(15);

export class MembershipStack extends Stack {
  readonly table: Table;
  readonly appSecret: AppSecret;
  readonly api: HttpApi;
  readonly consoleSite: ConsoleSite;
  readonly functions: Record<FunctionName, NodejsFunction>;
  readonly eventsDeadLetters: Queue;
  /** One message per shard of a scheduled run; the jobs function consumes it. */
  readonly jobShards: Queue;
  /** Shards that failed every receive, dispatches that failed every retry, schedules that could not invoke. */
  readonly jobDeadLetters: Queue;

  constructor(scope: Construct, id: string, props: MembershipStackProps) {
    super(scope, id, { terminationProtection: props.stage === 'prod', ...props });
    const { stage, domainName, certificateArn, wechatAppId } = props;
    if (!domainName !== !certificateArn) throw new Error('domainName and certificateArn must be given together');

    const isProd = stage === 'prod';
    const removalPolicy = isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // China's Cybersecurity Law asks for at least six months of network logs in production.
    const logRetention = isProd ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH;
    const logGroup = (logId: string) => new LogGroup(this, logId, { retention: logRetention, removalPolicy });

    // --- Table: one single-table design, shaped by tableDefinition.
    const stringKey = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      stream: StreamViewType[tableDefinition.streamViewType],
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: isProd,
      removalPolicy,
    });
    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: stringKey(gsi.partitionKey),
        sortKey: stringKey(gsi.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
    // Indexes are named one by one, so a grant needs no `index/*` wildcard.
    const indexArn = (indexName: string) => `${this.table.tableArn}/index/${indexName}`;

    this.appSecret = new AppSecret(this, 'AppSecret', { removalPolicy });

    // --- Functions: one per route group, plus the scheduled jobs.
    const environment: Record<string, string> = {
      STAGE: stage,
      TABLE_NAME: this.table.tableName,
      APP_SECRET_ARN: this.appSecret.secret.secretArn,
      POWERTOOLS_SERVICE_NAME: 'membership',
      NODE_OPTIONS: '--enable-source-maps',
      ...(wechatAppId ? { WECHAT_APP_ID: wechatAppId } : {}),
      // The OpenAPI document's server URL (a placeholder without a custom domain).
      ...(domainName ? { API_PUBLIC_URL: `https://${domainName}` } : {}),
    };
    const makeFunction = (name: FunctionName, timeout: Duration) => {
      const id = name.charAt(0).toUpperCase() + name.slice(1);
      const logs = logGroup(`${id}FunctionLogs`);
      // An explicit role instead of the default one, which carries AWSLambdaBasicExecutionRole (logs on `*`).
      const role = new Role(this, `${id}FunctionRole`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `membership ${stage} ${name} function`,
      });
      logs.grantWrite(role);
      // Least privilege per function, from functions/commons/table-access.ts (which a test proves against the code).
      const access = tableAccess[name];
      role.addToPolicy(
        new PolicyStatement({
          actions: access.table.map((a) => `dynamodb:${a}`),
          resources: [this.table.tableArn],
          conditions: access.leadingKeys ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(access.leadingKeys) } } : undefined,
        }),
      );
      if (access.indexes.length) role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: access.indexes.map(indexArn) }));
      this.appSecret.secret.grantRead(role);

      const fn = new NodejsFunction(this, `${id}Function`, {
        entry: path.join(REPO_ROOT, 'functions', 'handlers', `${name}.ts`),
        handler: 'handler',
        projectRoot: REPO_ROOT,
        depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        timeout,
        role,
        logGroup: logs,
        // Lambda's own tracing (a segment per invocation, the SDK calls' timings): no tracer library in the bundle.
        tracing: Tracing.ACTIVE,
        environment,
        bundling: {
          forceDockerBundling: false,
          tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
          target: 'node22',
          format: OutputFormat.CJS,
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          logLevel: LogLevel.WARNING,
        },
      });
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) have no resource-level permissions; ' +
          'for the events function also dynamodb:ListStreams (its stream event source). Table and index actions name their ARNs.',
      });
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is pinned on purpose: it is a supported LTS runtime and the code is built and tested for Node 20/22. ' +
          'Moving to a newer runtime is a deliberate, tested change, not an automatic one.',
      });
      return fn;
    };
    const apiFunctions = Object.fromEntries(routeGroups.map((group) => [group, makeFunction(group, Duration.seconds(10))])) as Record<
      RouteGroup,
      NodejsFunction
    >;
    const jobsFunction = makeFunction('jobs', JOBS_TIMEOUT);
    // --- Scheduled jobs fan out through a queue: the scheduled run sends one message per shard, and the same
    // function works them, one per invocation, reporting a failed shard; SQS delivers it again after the
    // visibility timeout and, after JOB_SHARD_MAX_RECEIVES receives, moves it to the dead-letter queue.
    this.jobDeadLetters = new Queue(this, 'JobDeadLetterQueue', { retentionPeriod: Duration.days(14), enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
    Validations.of(this.jobDeadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter destination of the job-shard queue, the jobs function and the job schedules; its messages are looked at by people.' });
    this.jobShards = new Queue(this, 'JobShardQueue', {
      // At least the function's timeout (a shard still being worked is not delivered twice), and short enough
      // that a failed shard's retries happen the same night: about every half hour.
      visibilityTimeout: JOBS_TIMEOUT.plus(JOBS_TIMEOUT),
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.jobDeadLetters, maxReceiveCount: JOB_SHARD_MAX_RECEIVES },
    });
    jobsFunction.addEventSource(new SqsEventSource(this.jobShards, { batchSize: 1, reportBatchItemFailures: true }));
    this.jobShards.grantSendMessages(jobsFunction);
    jobsFunction.addEnvironment('JOB_QUEUE_URL', this.jobShards.queueUrl);
    // A scheduled run that fails (it could not dispatch) is retried twice by Lambda, then lands in the same
    // dead-letter queue.
    jobsFunction.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.jobDeadLetters) });

    // --- Domain events: the table's stream → the consumer, in order per item, with partial batch responses, a
    // bounded retry (bisecting a failing batch down to its record) and a dead-letter queue that raises an alarm.
    const eventsFunction = makeFunction('events', Duration.minutes(1));
    this.eventsDeadLetters = new Queue(this, 'EventsDeadLetterQueue', { retentionPeriod: Duration.days(14), enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
    Validations.of(this.eventsDeadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter destination of the stream consumer; its messages are looked at by people, not retried.' });
    eventsFunction.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.eventsDeadLetters),
      }),
    );
    new Alarm(this, 'EventsDeadLetterAlarm', {
      alarmDescription: 'A domain event failed its reactions after every retry: see the events dead-letter queue',
      metric: this.eventsDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.functions = { ...apiFunctions, jobs: jobsFunction, events: eventsFunction };

    // --- Job alarms: failures, dead letters, and a job whose watermark falls behind.
    new Alarm(this, 'JobDeadLetterAlarm', {
      alarmDescription: 'A job shard failed every retry, or a scheduled run could not dispatch: see the job dead-letter queue (the next run catches the shard up)',
      metric: this.jobDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const customMetric = (metricName: string, statistic: string, period: Duration, dimensionsMap: Record<string, string> = {}) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, statistic, period, dimensionsMap: { service: SERVICE_NAME, ...dimensionsMap } });
    new Alarm(this, 'JobFailuresAlarm', {
      alarmDescription: 'A job shard failed (it is retried), or the jobs function errored or timed out',
      metric: new MathExpression({
        expression: 'FILL(errors, 0) + FILL(shardFailures, 0)',
        usingMetrics: { errors: jobsFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), shardFailures: customMetric(metricNames.jobShardFailures, 'Sum', Duration.minutes(5)) },
        period: Duration.minutes(5),
        label: 'job failures',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // Each shard reports, when its work ends, how many days its watermark is behind the run day: 0 when it caught
    // up, the days it still owes when it failed. More than one day behind means a shard missed two nights running.
    // Missing data is not a breach: the figure arrives when a shard ends, which a long month-end night or the
    // schedule's own timing can move past any 24-hour window; a run that never happens or never dispatches shows
    // up in the dead-letter queue (schedule and dispatch failures land there) or as lag at the next run.
    for (const job of jobSchedules) {
      new Alarm(this, `WatermarkLagAlarm-${job.name}`, {
        alarmDescription: `${job.name}: a shard's watermark is more than a day behind the day it ran for`,
        metric: customMetric(metricNames.watermarkLagDays, 'Maximum', Duration.days(1), { job: job.name }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    // --- The staff console (S3 + CloudFront). The API's CORS policy allows its origin and only it; the console's
    // CSP allows the API by an origin that does not name the API's resources (they would depend on each other).
    this.consoleSite = new ConsoleSite(this, 'Console', {
      apiOrigin: domainName ? `https://${domainName}` : `https://*.execute-api.${this.region}.${this.urlSuffix}`,
      removalPolicy,
      domainName: props.consoleDomainName,
      certificateArn: props.consoleCertificateArn,
    });

    // --- HTTP API: routes come from the route table; authorisation happens in the handlers.
    this.api = new HttpApi(this, 'Api', {
      apiName: `membership-${stage}`,
      // The headers and methods the local server answers with (shared/cors.ts); the origin is the console's.
      corsPreflight: {
        allowOrigins: [this.consoleSite.origin],
        allowHeaders: [...corsPolicy.allowHeaders],
        allowMethods: corsPolicy.allowMethods.map((m) => CorsHttpMethod[m]),
        maxAge: Duration.seconds(corsPolicy.maxAgeSeconds),
      },
      // The stage is added below: the default one takes no access log or throttling settings.
      createDefaultStage: false,
    });
    const domain =
      domainName && certificateArn
        ? new DomainName(this, 'ApiDomain', {
            domainName,
            certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', certificateArn),
            securityPolicy: SecurityPolicy.TLS_1_2,
          })
        : undefined;
    const apiStage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(logGroup('ApiAccessLogs')),
        // No headers or query strings: they can carry tokens and personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      domainMapping: domain && { domainName: domain },
    });
    const integrations = Object.fromEntries(
      routeGroups.map((group) => [group, new HttpLambdaIntegration(`${group}-integration`, apiFunctions[group])]),
    ) as Record<RouteGroup, HttpLambdaIntegration>;
    for (const route of Object.values(routes)) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration: integrations[route.group] });
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorisation is per route in the Lambda middleware (shared/routes.ts `auth`): it verifies our own JWT and the staff role. ' +
        'Public routes (health, sign-in, scene lookup) must stay open, and an API Gateway JWT authorizer cannot check roles.',
    });

    // --- Scheduled jobs (EventBridge Scheduler), in business time.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': this.account,
            'aws:SourceArn': this.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
      description: `membership ${stage}: lets EventBridge Scheduler invoke the jobs function (and report to its dead-letter queue)`,
    });
    for (const job of jobSchedules) {
      new Schedule(this, `Schedule-${job.name}`, {
        description: job.description,
        schedule: ScheduleExpression.expression(`cron(${job.cron})`, TimeZone.of(BUSINESS_TIME_ZONE)),
        // An invocation the scheduler could not make (after its own retries) goes to the job dead-letter queue too.
        target: new LambdaInvoke(jobsFunction, { role: schedulerRole, input: ScheduleTargetInput.fromObject({ job: job.name }), deadLetterQueue: this.jobDeadLetters }),
        timeWindow: TimeWindow.off(),
      });
    }
    const jobsLogicalId = this.getLogicalId(jobsFunction.node.defaultChild as CfnFunction);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${jobsLogicalId}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on the jobs function and its own versions and aliases (the `:*` qualifier); nothing else.',
    });

    const apiUrl = domain ? `https://${domainName}/` : apiStage.url;
    this.consoleSite.deploy(apiUrl);
    new CfnOutput(this, 'ApiUrl', { value: apiUrl });
    new CfnOutput(this, 'ConsoleUrl', { value: this.consoleSite.origin });
    if (domain) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: domain.regionalDomainName,
        description: `DNS CNAME target for ${domainName}`,
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'SecretArn', { value: this.appSecret.secret.secretArn });
  }
}
