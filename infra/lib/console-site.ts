import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  CachePolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { DockerImage } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface ConsoleSiteProps {
  /**
   * The API's origin for the Content-Security-Policy's connect-src. It must not refer to the API's resources: the
   * API's CORS policy refers to this site's domain, and the two would depend on each other.
   */
  apiOrigin: string;
  removalPolicy: RemovalPolicy;
  /** A custom domain for the console (in AWS China, CloudFront serves only ICP-filed custom domains). */
  domainName?: string;
  /** Its certificate (ACM in us-east-1; in AWS China an IAM server certificate's ACM-imported ARN). */
  certificateArn?: string;
}

const CONSOLE_DIR = path.resolve(__dirname, '..', '..', 'console');

/**
 * The staff console as a static site: a private S3 bucket behind CloudFront (origin access control), the esbuild
 * build plus /config.js with the API's address, security headers on every answer. Hash routing (#/members/…)
 * means every path is a real object: no error-page rewrites.
 */
export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<distribution or custom domain>: the origin the API's CORS policy allows. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    if (!props.domainName !== !props.certificateArn) throw new Error('console domainName and certificateArn must be given together');
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are written with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(180) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'bucket/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          // Scripts and styles from the site itself (antd injects its styles at run time); the API by its origin.
          contentSecurityPolicy: `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ${props.apiOrigin}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Staff console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.origin = props.domainName ? `https://${props.domainName}` : `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'The console is for staff anywhere in the chain; sign-in, roles and scopes guard it, not geography.' },
      { id: 'AwsSolutions-CFR2', reason: 'Static files only; the API it calls has its own throttling and per-route authorisation. A WAF can be attached per deployment.' },
      { id: 'AwsSolutions-CFR4', reason: 'Without a custom domain the default CloudFront certificate fixes the policy at TLSv1; with one, TLS 1.2 (2021) is the minimum.' },
    );
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself.' });
  }

  /** Uploads the build and /config.js (the API's address, resolved at deploy time) and invalidates the entry files. */
  deploy(apiUrl: string): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [
        Source.asset(CONSOLE_DIR, {
          // The build's inputs are the sources; an earlier local build is not.
          exclude: ['dist'],
          // Built by esbuild on this machine (no Docker); the image is only the fallback CDK requires.
          bundling: {
            image: DockerImage.fromRegistry('node:20-alpine'),
            local: {
              tryBundle(outputDir: string) {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const { buildConsoleSync } = require('../../console/build') as typeof import('../../console/build');
                buildConsoleSync({ outDir: outputDir });
                return true;
              },
            },
          },
        }),
        Source.data('config.js', `window.__MEMBERSHIP_CONFIG__ = {"apiBaseUrl":"${apiUrl}"};\n`),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.js'],
      memoryLimit: 512,
    });
    // The role of CDK's own deployment function (a singleton at the stack's root).
    const stack = Stack.of(this);
    const shown = (v: string, token: string) => (Token.isUnresolved(v) ? token : v);
    const evidence = [
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Resource::*',
      `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${shown(stack.account, '<AWS::AccountId>')}-${shown(stack.region, '<AWS::Region>')}/*`,
    ];
    Validations.of(deployment.handlerRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK’s BucketDeployment function writes its own logs with the basic execution role.',
      },
      ...evidence.map((e) => ({
        id: `AwsSolutions-IAM5[${e}]`,
        reason: 'CDK’s BucketDeployment copies the build from the CDK assets bucket into the console bucket and invalidates its distribution (CreateInvalidation takes no resource).',
      })),
    );
    for (const fn of Stack.of(this).node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      Validations.of(fn).acknowledge({ id: 'AwsSolutions-L1', reason: 'The runtime of CDK’s own BucketDeployment function is chosen by aws-cdk-lib.' });
    }
    return deployment;
  }
}