import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type DeployStage, MembershipStack } from '../lib/membership-stack';

/**
 * Context keys (cdk.json or `-c key=value`):
 *   stage           dev | prod (default dev)
 *   domainName      custom API domain, with certificateArn (ACM, same region)
 *   certificateArn
 *   wechatAppId     the mini-program's AppID
 *   consoleDomainName, consoleCertificateArn   custom domain of the staff console (CloudFront)
 */
const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

const stage = context('stage') ?? 'dev';
if (stage !== 'dev' && stage !== 'prod') throw new Error(`context "stage" must be dev or prod, not "${stage}"`);

const { CDK_DEFAULT_ACCOUNT: account, CDK_DEFAULT_REGION: region } = process.env;
new MembershipStack(app, `Membership-${stage}`, {
  stage: stage satisfies DeployStage,
  domainName: context('domainName'),
  certificateArn: context('certificateArn'),
  wechatAppId: context('wechatAppId'),
  consoleDomainName: context('consoleDomainName'),
  consoleCertificateArn: context('consoleCertificateArn'),
  // Environment-agnostic unless the CLI knows the target; ARNs use AWS::Partition either way (aws-cn works too).
  env: account || region ? { account, region } : undefined,
  description: `Retail membership platform (${stage})`,
});

// cdk-nag 3 runs as a policy-validation plugin: any unacknowledged finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
