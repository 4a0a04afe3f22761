/** UpdateSecret: description and KMS key; with a value, a new AWSCURRENT version encrypted under the (new) key. */
import type { UpdateSecretRequest, UpdateSecretResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { markedForDeletion, secretNotFound } from '../errors.ts';
import type { SecretPatch } from '../model/secret-repository.ts';
import { newVersionId, valueOf } from '../model/inputs.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import { AWSCURRENT } from '../model/stages.ts';

export function updateSecret(model: SecretsModel): OperationHandler<UpdateSecretRequest, UpdateSecretResponse> {
  return async (ctx, input) => {
    const value = valueOf(input);
    const secret = await model.get(scopeOf(ctx), input.SecretId, { primaryOnly: true });
    const patch: SecretPatch = {};
    if (input.Description !== undefined) patch.description = input.Description;
    if (input.KmsKeyId !== undefined) patch.kmsKeyId = input.KmsKeyId;
    const apply = async () => {
      if (Object.keys(patch).length) await model.repo.update(secret, { ...patch, lastChangedAt: model.now() });
    };
    if (value) {
      const versionId = newVersionId(input.ClientRequestToken);
      await model.addVersion(ctx, { ...secret, ...patch }, versionId, value, [AWSCURRENT], apply);
      return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
    }
    await model.changeReplicated(ctx, secret, async () => {
      const current = await model.repo.byName(secret, secret.name, true);
      if (!current || current.arn !== secret.arn) throw secretNotFound();
      if (current.deletedAt !== null) throw markedForDeletion();
      await apply();
    });
    return { ARN: secret.arn, Name: secret.name };
  };
}
