/**
 * AWS managed keys (alias/aws/<service>): created the first time a service
 * such as Parameter Store or Secrets Manager needs one, with KeyManager AWS,
 * the policy AWS gives such keys, and yearly rotation. Two processes racing
 * to create the same one both end up with the one whose alias insert won.
 */
import { createKey } from './key-lifecycle.ts';
import { awsManagedKeyPolicy } from './key-policies.ts';
import { resolveKeySpec } from './key-specs.ts';
import type { KmsModel } from './kms-model.ts';
import type { KeyRecord, KeyScope } from './types.ts';

const SERVICE_NAMES: Record<string, { name: string; protects: string }> = {
  ssm: { name: 'AWS Systems Manager', protects: 'SSM parameters' },
  secretsmanager: { name: 'AWS Secrets Manager', protects: 'Secrets Manager data' },
  s3: { name: 'Amazon S3', protects: 'S3 objects' },
  lambda: { name: 'AWS Lambda', protects: 'Lambda functions' },
  ebs: { name: 'Amazon EBS', protects: 'EBS volumes' },
  rds: { name: 'Amazon RDS', protects: 'RDS database volumes' },
  dynamodb: { name: 'Amazon DynamoDB', protects: 'DynamoDB data' },
};

export const SERVICE_PATTERN = /^[a-z0-9-]{1,64}$/;

/** The service of a predefined AWS alias ("alias/aws/ssm" → "ssm"), or undefined. */
export function predefinedAliasService(aliasName: string): string | undefined {
  const service = /^alias\/aws\/([a-z0-9-]+)$/.exec(aliasName)?.[1];
  return service !== undefined && service in SERVICE_NAMES ? service : undefined;
}

class LostRace extends Error {}

export async function ensureAwsManagedKey(model: KmsModel, scope: KeyScope, service: string): Promise<KeyRecord> {
  if (!SERVICE_PATTERN.test(service)) throw new Error(`invalid AWS service name "${service}"`);
  const aliasName = `alias/aws/${service}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await model.cache.getAliasTarget(scope, aliasName);
    if (existing !== undefined) {
      const key = await model.findKeyById(scope, existing);
      if (key) return key.record;
    }
    try {
      return await model.store.transaction(async () => {
        const info = SERVICE_NAMES[service] ?? { name: service, protects: `${service} data` };
        const { record } = await createKey(model, scope, {
          profile: resolveKeySpec({}),
          description: `Default key that protects my ${info.protects} when no other key is defined`,
          policy: awsManagedKeyPolicy(scope.accountId, scope.region, service, info.name),
          keyManager: 'AWS',
          rotationPeriodDays: 365,
        });
        // The alias of a deleted managed key is gone with it; a new key takes its place.
        if (!(await model.aliases.createIfAbsent(scope, aliasName, record.keyId, model.now()))) throw new LostRace();
        model.changed(scope, aliasName);
        return record;
      });
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      model.cache.forget(scope, aliasName);
    }
  }
  throw new Error(`could not create or find the AWS managed key ${aliasName}`);
}
