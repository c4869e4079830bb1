import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, type CfnResource, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { tableDefinition } from '../../functions/commons/keys';
import { routeGroups, routeKeyOf, routes } from '../../shared/routes';
import { jobSchedules } from '../../shared/schedules';
import { ROOT_KEY_NAME } from '../lib/app-secret';
import { type FunctionName, MembershipStack, type MembershipStackProps } from '../lib/membership-stack';
import { corsPolicy } from '../../shared/cors';

// Synthesize with the same feature flags as `cdk synth`.
const cdkContext = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')).context;

function synth({ bundle = false, ...props }: MembershipStackProps & { bundle?: boolean }) {
  const app = new App({
    context: { ...cdkContext, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
    // CDK's own template schema check takes seconds per synth; `npm run synth` runs it.
    builtinCloudFormationValidation: false,
  });
  const stack = new MembershipStack(app, 'Membership-test', props);
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  const template = Template.fromStack(stack); // synthesizes, and fails on unacknowledged cdk-nag findings
  const json = template.toJSON();
  const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);
  return { app, stack, template, json, nag, logicalId };
}

const certificateArn = 'arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/0f6f1c9e-0000-4000-8000-000000000000';
const variants = {
  // The only variant that bundles (esbuild): it proves every handler entry builds.
  dev: synth({ stage: 'dev', bundle: true }),
  // Production in AWS China with a custom domain.
  prod: synth({
    stage: 'prod',
    domainName: 'api.example.cn',
    certificateArn,
    wechatAppId: 'wx0123456789abcdef',
    env: { account: '123456789012', region: 'cn-northwest-1' },
  }),
  // What `cdk synth` without credentials gives: the CLI's default region, no account.
  regionOnly: synth({ stage: 'dev', env: { region: 'us-east-1' } }),
};
const { dev, prod } = variants;

const resourcesOf = (json: any, type: string): [string, any][] =>
  Object.entries(json.Resources as Record<string, any>).filter(([, r]) => r.Type === type);
/** CDK's own custom-resource machinery (the console's BucketDeployment, the buckets' auto-delete): not our functions. */
const CDK_OWN = /^(CustomCDKBucketDeployment|CustomS3AutoDeleteObjectsCustomResourceProvider)/;
const ownResourcesOf = (json: any, type: string): [string, any][] => resourcesOf(json, type).filter(([id]) => !CDK_OWN.test(id));

describe('table', () => {
  it('matches tableDefinition', () => {
    const gsis = tableDefinition.globalSecondaryIndexes;
    dev.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: gsis.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { SSEEnabled: true },
    });
    const [[, table]] = resourcesOf(dev.json, 'AWS::DynamoDB::Table');
    const keyNames = [tableDefinition.partitionKey, tableDefinition.sortKey, ...gsis.flatMap((g) => [g.partitionKey, g.sortKey])];
    expect(table.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
  });

  it('is destroyed with a dev stack and retained, deletion-protected, in prod', () => {
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtectionEnabled: false }) });
    prod.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    expect(prod.stack.terminationProtection).toBe(true);
    expect(dev.stack.terminationProtection).toBe(false);
    // Losing the keys would make stored ciphertext unreadable, so prod keeps them too.
    for (const [, secret] of resourcesOf(prod.json, 'AWS::SecretsManager::Secret')) expect(secret.DeletionPolicy).toBe('Retain');
  });
});

describe('app secret', () => {
  it('is one generated root key, with no key material in the template', () => {
    const secrets = resourcesOf(dev.json, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [, secret] = secrets[0];
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({ SecretStringTemplate: '{}', GenerateStringKey: ROOT_KEY_NAME, ExcludePunctuation: true, PasswordLength: 64 });
  });
});

describe('domain events', () => {
  it('the stream feeds the consumer in order, with partial batch responses, a bounded retry and a dead-letter queue', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: dev.logicalId(dev.stack.functions.events) },
      EventSourceArn: { 'Fn::GetAtt': [dev.logicalId(dev.stack.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86400,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dev.logicalId(dev.stack.eventsDeadLetters), 'Arn'] } } },
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dev.logicalId(dev.stack.eventsDeadLetters), 'QueueName'] } }],
    });
  });
});

describe('functions', () => {
  const names: FunctionName[] = [...routeGroups, 'jobs', 'events'];

  it('one per route group plus jobs and events, on Node 22 / arm64 with the runtime environment', () => {
    expect(ownResourcesOf(dev.json, 'AWS::Lambda::Function')).toHaveLength(names.length);
    for (const name of names) {
      const fn = dev.json.Resources[dev.logicalId(dev.stack.functions[name])];
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: name === 'jobs' ? 900 : name === 'events' ? 60 : 10,
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        Environment: {
          Variables: {
            STAGE: 'dev',
            TABLE_NAME: { Ref: dev.logicalId(dev.stack.table) },
            APP_SECRET_ARN: { Ref: dev.logicalId(dev.stack.appSecret.secret) },
            POWERTOOLS_SERVICE_NAME: 'membership',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
      expect(fn.Properties.Environment.Variables.WECHAT_APP_ID).toBeUndefined();
      const prodFn = prod.json.Resources[prod.logicalId(prod.stack.functions[name])];
      expect(prodFn.Properties.Environment.Variables).toMatchObject({ STAGE: 'prod', WECHAT_APP_ID: 'wx0123456789abcdef' });
    }
  });

  it('log to their own log groups with a retention period', () => {
    for (const { json } of Object.values(variants)) {
      for (const [, group] of resourcesOf(json, 'AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('have least-privilege roles: no managed policies, no Scan, no wildcard actions', () => {
    for (const [, role] of ownResourcesOf(dev.json, 'AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = ownResourcesOf(dev.json, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a: string) => a.includes('*'))).toEqual([]);
    // The exceptions have no resource-level permissions: X-Ray (active tracing) and dynamodb:ListStreams (the
    // stream consumer's event source).
    const anyResource = statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat());
    expect([...new Set(anyResource)].sort()).toEqual(['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });
});

describe('HTTP API', () => {
  it('has exactly the routes of the route table, each integrated with its group’s function', () => {
    const table = Object.values(routes);
    dev.template.resourceCountIs('AWS::ApiGatewayV2::Route', table.length);
    const apiRoutes = resourcesOf(dev.json, 'AWS::ApiGatewayV2::Route');
    for (const route of table) {
      const found = apiRoutes.filter(([, r]) => r.Properties.RouteKey === routeKeyOf(route));
      expect(found).toHaveLength(1);
      const target = found[0][1].Properties.Target;
      expect(target).toEqual({ 'Fn::Join': ['', ['integrations/', { Ref: expect.any(String) }]] });
      const integration = dev.json.Resources[target['Fn::Join'][1][1].Ref];
      expect({ route: routeKeyOf(route), uri: integration.Properties.IntegrationUri }).toEqual({
        route: routeKeyOf(route),
        uri: dev.stack.resolve(dev.stack.functions[route.group].functionArn),
      });
    }
  });

  it('answers CORS preflight for the staff console’s origin only, and logs and throttles its default stage', () => {
    const distribution = dev.logicalId(dev.stack.consoleSite.distribution);
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      // The headers and methods the local server answers with; the origin is the console's CloudFront domain.
      CorsConfiguration: {
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] }],
        AllowHeaders: [...corsPolicy.allowHeaders],
        AllowMethods: [...corsPolicy.allowMethods],
        MaxAge: corsPolicy.maxAgeSeconds,
      },
    });
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.stringLikeRegexp('\\$context.requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: 500, ThrottlingRateLimit: 1000 },
    });
  });

  it('maps a custom domain only when one is configured', () => {
    dev.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    dev.template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.cn',
      DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    prod.template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    prod.template.hasOutput('ApiUrl', { Value: 'https://api.example.cn/' });
    prod.template.hasOutput('ApiDomainTarget', {});
  });

  it('refuses a domain without its certificate', () => {
    expect(() => new MembershipStack(new App(), 'Bad', { stage: 'dev', domainName: 'api.example.cn' })).toThrow(/certificateArn/);
  });
});

describe('schedules', () => {
  it('one EventBridge Scheduler schedule per job, in Asia/Shanghai, invoking the jobs function', () => {
    dev.template.resourceCountIs('AWS::Scheduler::Schedule', jobSchedules.length);
    const jobsArn = dev.stack.resolve(dev.stack.functions.jobs.functionArn);
    for (const job of jobSchedules) {
      dev.template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: `cron(${job.cron})`,
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: Match.objectLike({ Arn: jobsArn, Input: JSON.stringify({ job: job.name }) }),
      });
    }
  });

  it('uses a role that may only invoke the jobs function (and report to the job dead-letter queue)', () => {
    const [[, schedule]] = resourcesOf(dev.json, 'AWS::Scheduler::Schedule');
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    const policies = resourcesOf(dev.json, 'AWS::IAM::Policy').filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId));
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const jobsId = dev.logicalId(dev.stack.functions.jobs);
    expect(statements).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: [{ 'Fn::GetAtt': [jobsId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [jobsId, 'Arn'] }, ':*']] }],
      },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [dev.logicalId(dev.stack.jobDeadLetters), 'Arn'] } },
    ]);
  });
});

describe.each(Object.entries(variants))('%s stack', (_, { app, stack, json, template, nag }) => {
  it('has no partition-specific ARN (deploys to aws-cn too)', () => {
    expect(JSON.stringify(json)).not.toContain('arn:aws:');
  });

  it('passes cdk-nag AwsSolutions with every finding fixed or acknowledged', () => {
    const violations = nag.validateScope(app).violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('synthesizes without CDK warnings or errors', () => {
    const annotations = Annotations.fromStack(stack);
    expect([...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())]).toEqual([]);
  });

  it('outputs the API URL, table name and secret ARN', () => {
    for (const output of ['ApiUrl', 'TableName', 'SecretArn']) template.hasOutput(output, {});
  });
});


describe('staff console site', () => {
  const site = dev.stack.consoleSite;
  const bucket = dev.logicalId(site.bucket);
  const distribution = dev.logicalId(site.distribution);

  it('keeps the build in a private, encrypted bucket that only CloudFront reads (origin access control)', () => {
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'bucket/' }),
    });
    dev.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const policy = resourcesOf(dev.json, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucket)![1];
    // Readers: CloudFront, for this distribution only (the other grant is the dev stage's auto-delete on destroy).
    const reads = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:GetObject'));
    expect(reads).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
  });

  it('serves index.html over HTTPS only, with security headers that let the page call the API', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    const headers = resourcesOf(dev.json, 'AWS::CloudFront::ResponseHeadersPolicy')[0][1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(JSON.stringify(headers.ContentSecurityPolicy)).toContain("connect-src 'self' https://*.execute-api.");
    // With a custom API domain the page may call exactly that domain.
    const prodHeaders = resourcesOf(prod.json, 'AWS::CloudFront::ResponseHeadersPolicy')[0][1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(prodHeaders.ContentSecurityPolicy.ContentSecurityPolicy).toContain("connect-src 'self' https://api.example.cn;");
  });

  it('deploys the build with /config.js naming the API, and invalidates the entry files', () => {
    const [, deployment] = resourcesOf(dev.json, 'Custom::CDKBucketDeployment')[0];
    expect(deployment.Properties.DestinationBucketName).toEqual({ Ref: bucket });
    expect(deployment.Properties.DistributionId).toEqual({ Ref: distribution });
    expect(deployment.Properties.DistributionPaths).toEqual(['/index.html', '/config.js']);
    // Source.data: the config file's content is rendered at deploy time from the API stage's URL.
    const markers = JSON.stringify(deployment.Properties.SourceMarkers ?? deployment.Properties);
    expect(markers).toContain(dev.logicalId(dev.stack.api));
  });

  it('outputs the console URL, and the API accepts no other browser origin', () => {
    expect(dev.json.Outputs.ConsoleUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] });
    const api = resourcesOf(dev.json, 'AWS::ApiGatewayV2::Api')[0][1];
    expect(api.Properties.CorsConfiguration.AllowOrigins).toHaveLength(1);
    expect(JSON.stringify(api.Properties.CorsConfiguration.AllowOrigins)).not.toContain('*');
  });
});
