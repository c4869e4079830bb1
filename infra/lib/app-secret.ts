import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The generated keys, as functions/commons/config.ts reads them. */
export const APP_KEY_NAMES = ['tokenSecret', 'fieldKey', 'blindIndexKey', 'memberCodeKey'] as const;

export interface AppSecretProps {
  removalPolicy: RemovalPolicy;
}

/**
 * One JSON secret holding the app's generated keys; operators add `wechatAppSecret` to it later.
 *
 * CloudFormation's GenerateSecretString fills a single JSON key, so each key is generated in its own
 * seed secret and copied into the app secret by a dynamic reference that CloudFormation resolves at
 * deploy time: no key material is ever in the template. Generated values are alphanumeric, so they
 * need no escaping inside the JSON.
 *
 * Do not change the generation settings or the app secret's value once deployed: CloudFormation would
 * write a new value, replacing the keys (stored ciphertext and blind indexes become unreadable) and
 * dropping the operator-added wechatAppSecret.
 */
export class AppSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, { removalPolicy }: AppSecretProps) {
    super(scope, id);

    const seeds = Object.fromEntries(
      APP_KEY_NAMES.map((name) => {
        const seed = new Secret(this, `Seed-${name}`, {
          description: `Generated seed for ${name}; copied into the app secret at creation, not read at runtime`,
          generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
          removalPolicy,
        });
        return [name, seed.secretValue];
      }),
    );

    this.secret = new Secret(this, 'Secret', {
      description: 'Membership app keys (JSON). Operators add "wechatAppSecret" by merging it into the current value.',
      secretObjectValue: seeds,
      removalPolicy,
    });

    // Applies to every secret below this construct.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'These are long-lived data-encryption, blind-index and signing keys: rotating them would make stored ciphertext and ' +
        'phone blind indexes unreadable and sign out every session. Key changes need a planned re-encryption, not automatic rotation.',
    });
  }
}
