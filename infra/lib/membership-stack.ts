import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, DomainName, HttpApi, HttpMethod, LogGroupLogDestination, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { tableDefinition } from '../../functions/commons/keys';
import { type RouteGroup, routeGroups, routes } from '../../shared/routes';
import { BUSINESS_TIME_ZONE, jobSchedules } from '../../shared/schedules';
import { AppSecret } from './app-secret';
import { corsPolicy } from '../../shared/cors';

export type DeployStage = 'dev' | 'prod';
export type FunctionName = RouteGroup | 'jobs' | 'events';

export interface MembershipStackProps extends StackProps {
  stage: DeployStage;
  /** Custom domain for the HTTP API; WeChat only calls HTTPS domains with an ICP filing. Needs certificateArn. */
  domainName?: string;
  /** ACM certificate for domainName, in the stack's region. */
  certificateArn?: string;
  wechatAppId?: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const API_THROTTLE = { burstLimit: 500, rateLimit: 1000 };

/** Item-level actions the handlers use; TransactWriteItems/TransactGetItems are authorised through these. No Scan. */
const TABLE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

export class MembershipStack extends Stack {
  readonly table: Table;
  readonly appSecret: AppSecret;
  readonly api: HttpApi;
  readonly functions: Record<FunctionName, NodejsFunction>;
  readonly eventsDeadLetters: Queue;

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
    // Indexes are named one by one, so the grant needs no `index/*` wildcard.
    const indexArns = tableDefinition.globalSecondaryIndexes.map((gsi) => `${this.table.tableArn}/index/${gsi.indexName}`);

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
      role.addToPolicy(new PolicyStatement({ actions: TABLE_ITEM_ACTIONS, resources: [this.table.tableArn] }));
      role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns }));
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
    const jobsFunction = makeFunction('jobs', Duration.minutes(15));
    // Sharded jobs (a month-end expiry) fan out: the scheduled run invokes this same function once per shard,
    // asynchronously. A separate policy, so the function does not depend on a policy naming its own ARN.
    jobsFunction.addEnvironment('JOBS_FAN_OUT', 'lambda');
    new Policy(this, 'JobsFanOutPolicy', {
      roles: [jobsFunction.role!],
      statements: [new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [jobsFunction.functionArn] })],
    });
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
    Validations.of(eventsFunction.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, which the stream event source grants, has no resource-level permissions; the stream reads themselves are on the table stream ARN only.',
    });
    new Alarm(this, 'EventsDeadLetterAlarm', {
      alarmDescription: 'A domain event failed its reactions after every retry: see the events dead-letter queue',
      metric: this.eventsDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.functions = { ...apiFunctions, jobs: jobsFunction, events: eventsFunction };

    // --- HTTP API: routes come from the route table; authorisation happens in the handlers.
    this.api = new HttpApi(this, 'Api', {
      apiName: `membership-${stage}`,
      // The same policy the local server answers with (shared/cors.ts).
      corsPreflight: {
        allowOrigins: [...corsPolicy.allowOrigins],
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
      description: `membership ${stage}: lets EventBridge Scheduler invoke the jobs function`,
    });
    for (const job of jobSchedules) {
      new Schedule(this, `Schedule-${job.name}`, {
        description: job.description,
        schedule: ScheduleExpression.expression(`cron(${job.cron})`, TimeZone.of(BUSINESS_TIME_ZONE)),
        target: new LambdaInvoke(jobsFunction, { role: schedulerRole, input: ScheduleTargetInput.fromObject({ job: job.name }) }),
        timeWindow: TimeWindow.off(),
      });
    }
    const jobsLogicalId = this.getLogicalId(jobsFunction.node.defaultChild as CfnFunction);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${jobsLogicalId}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on the jobs function and its own versions and aliases (the `:*` qualifier); nothing else.',
    });

    new CfnOutput(this, 'ApiUrl', { value: domain ? `https://${domainName}/` : apiStage.url });
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
