import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The generated key in the secret; functions/commons/config.ts derives the app's keys from it with HKDF. */
export const ROOT_KEY_NAME = 'rootKey';

export interface AppSecretProps {
  removalPolicy: RemovalPolicy;
}

/**
 * One JSON secret: a generated root key (token, field-encryption, blind-index and member-code keys are derived
 * from it at cold start) plus, added by operators later, `wechatAppSecret`. No key material is in the template.
 *
 * Do not change the generation settings once deployed: CloudFormation would generate a new root key, and stored
 * ciphertext and blind indexes would become unreadable.
 */
export class AppSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, { removalPolicy }: AppSecretProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Membership app keys (JSON). Operators add "wechatAppSecret" by merging it into the current value.',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: ROOT_KEY_NAME,
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy,
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The root key derives long-lived data-encryption, blind-index and signing keys: rotating it would make stored ciphertext and ' +
        'phone blind indexes unreadable and sign out every session. Key changes need a planned re-encryption, not automatic rotation.',
    });
  }
}
