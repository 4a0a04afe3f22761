/**
 * DeleteSecret: schedules deletion after RecoveryWindowInDays (7–30, default
 * 30), or deletes at once with ForceDeleteWithoutRecovery (also allowed for a
 * secret already scheduled). The sweep (purgeDueDeletions) deletes due ones.
 */
import type { DeleteSecretRequest, DeleteSecretResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { invalidParameter, markedForDeletion, stillHasReplicas } from '../errors.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';

const DAY_MS = 86_400_000;

export function deleteSecret(model: SecretsModel): OperationHandler<DeleteSecretRequest, DeleteSecretResponse> {
  return async (ctx, input) => {
    const force = input.ForceDeleteWithoutRecovery === true;
    if (force && input.RecoveryWindowInDays !== undefined) {
      throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    const days = input.RecoveryWindowInDays ?? 30;
    if (!force && (!Number.isInteger(days) || days < 7 || days > 30)) {
      throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    }
    return model.store.transaction(async () => {
      const secret = await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true, lock: true, primaryOnly: true });
      const replicas = await model.repo.replicas(secret);
      if (replicas.length) throw stillHasReplicas(input.SecretId, replicas.map((r) => r.region));
      const now = model.now();
      if (force) {
        await model.repo.delete(secret);
        return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(now) };
      }
      if (secret.deletedAt !== null) throw markedForDeletion();
      const purgeAt = now + days * DAY_MS;
      await model.repo.update(secret, { deletedAt: now, purgeAt, lastChangedAt: now });
      return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(purgeAt) };
    });
  };
}
