/** PutSecretValue: a new version (default label AWSCURRENT); the same token with the same value is a no-op. */
import type { PutSecretValueRequest, PutSecretValueResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { invalidParameter } from '../errors.ts';
import { newVersionId, valueOf } from '../model/inputs.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import { AWSCURRENT } from '../model/stages.ts';

export function putSecretValue(model: SecretsModel): OperationHandler<PutSecretValueRequest, PutSecretValueResponse> {
  return async (ctx, input) => {
    const value = valueOf(input);
    if (!value) throw invalidParameter('You must provide either SecretString or SecretBinary.');
    const secret = await model.get(scopeOf(ctx), input.SecretId, { primaryOnly: true });
    const versionId = newVersionId(input.ClientRequestToken);
    const stages = input.VersionStages ?? [AWSCURRENT];
    await model.addVersion(ctx, secret, versionId, value, stages);
    const version = (await model.repo.versions(secret)).find((v) => v.versionId === versionId);
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: version ? [...version.stages] : [...stages] };
  };
}
