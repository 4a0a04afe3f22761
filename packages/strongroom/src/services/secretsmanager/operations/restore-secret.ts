/** RestoreSecret: cancels a scheduled deletion. */
import type { RestoreSecretRequest, RestoreSecretResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';

export function restoreSecret(model: SecretsModel): OperationHandler<RestoreSecretRequest, RestoreSecretResponse> {
  return async (ctx, input) =>
    model.store.transaction(async () => {
      const secret = await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true, lock: true, primaryOnly: true });
      if (secret.deletedAt !== null) await model.repo.update(secret, { deletedAt: null, purgeAt: null, lastChangedAt: model.now() });
      return { ARN: secret.arn, Name: secret.name };
    });
}
