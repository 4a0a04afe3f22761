/**
 * The Secrets Manager service definition: the generated model plus one
 * handler per implemented operation over one SecretsModel. The composition
 * root creates the model (with the in-process client for KMS and a narrow
 * function for the AWS managed key) and hands purgeDueDeletions to the
 * scheduler.
 */
import { secretsmanagerSpec } from '../../protocol/spec/generated/secretsmanager.spec.ts';
import type { ServiceDefinition } from '../../protocol/types.ts';
import { secretsAuthz } from './authz.ts';
import type { SecretsModel } from './model/secrets-model.ts';
import { batchGetSecretValue } from './operations/batch-get-secret-value.ts';
import { createSecret } from './operations/create-secret.ts';
import { deleteSecret } from './operations/delete-secret.ts';
import { describeSecret } from './operations/describe-secret.ts';
import { getRandomPassword } from './operations/get-random-password.ts';
import { getSecretValue } from './operations/get-secret-value.ts';
import { listSecretVersionIds } from './operations/list-secret-version-ids.ts';
import { listSecrets } from './operations/list-secrets.ts';
import { putSecretValue } from './operations/put-secret-value.ts';
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy, validateResourcePolicy } from './operations/resource-policy.ts';
import { removeRegionsFromReplication, replicateSecretToRegions, stopReplicationToReplica } from './operations/replication.ts';
import { restoreSecret } from './operations/restore-secret.ts';
import { tagResource, untagResource } from './operations/tag-resource.ts';
import { updateSecretVersionStage } from './operations/update-secret-version-stage.ts';
import { updateSecret } from './operations/update-secret.ts';

export { SecretsModel, type SecretsModelOptions } from './model/secrets-model.ts';

export function secretsManagerService({ secrets }: { secrets: SecretsModel }): ServiceDefinition {
  return {
    spec: secretsmanagerSpec,
    handlers: {
      CreateSecret: createSecret(secrets),
      GetSecretValue: getSecretValue(secrets),
      BatchGetSecretValue: batchGetSecretValue(secrets),
      PutSecretValue: putSecretValue(secrets),
      UpdateSecret: updateSecret(secrets),
      UpdateSecretVersionStage: updateSecretVersionStage(secrets),
      DescribeSecret: describeSecret(secrets),
      ListSecrets: listSecrets(secrets),
      ListSecretVersionIds: listSecretVersionIds(secrets),
      DeleteSecret: deleteSecret(secrets),
      RestoreSecret: restoreSecret(secrets),
      GetRandomPassword: getRandomPassword(),
      TagResource: tagResource(secrets),
      UntagResource: untagResource(secrets),
      PutResourcePolicy: putResourcePolicy(secrets),
      GetResourcePolicy: getResourcePolicy(secrets),
      DeleteResourcePolicy: deleteResourcePolicy(secrets),
      ValidateResourcePolicy: validateResourcePolicy(secrets),
      ReplicateSecretToRegions: replicateSecretToRegions(secrets),
      RemoveRegionsFromReplication: removeRegionsFromReplication(secrets),
      StopReplicationToReplica: stopReplicationToReplica(secrets),
    },
    authz: secretsAuthz(secrets),
  };
}
