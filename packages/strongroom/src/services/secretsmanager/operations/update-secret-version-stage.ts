/**
 * UpdateSecretVersionStage: moves a staging label. A label attached elsewhere
 * must be named in RemoveFromVersionId; moving AWSCURRENT gives the old
 * current AWSPREVIOUS; AWSCURRENT cannot be removed without a new home.
 */
import type { UpdateSecretVersionStageRequest, UpdateSecretVersionStageResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { invalidParameter, secretNotFound, versionNotFound } from '../errors.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import { AWSCURRENT, versionWithStage } from '../model/stages.ts';

export function updateSecretVersionStage(model: SecretsModel): OperationHandler<UpdateSecretVersionStageRequest, UpdateSecretVersionStageResponse> {
  return async (ctx, input) => {
    const { VersionStage: label, RemoveFromVersionId: from, MoveToVersionId: to } = input;
    const found = await model.get(scopeOf(ctx), input.SecretId, { primaryOnly: true });
    const secret = await model.changeReplicated(ctx, found, async () => {
      const secret = await model.get(scopeOf(ctx), input.SecretId, { lock: true, primaryOnly: true });
      if (secret.arn !== found.arn) throw secretNotFound();
      const versions = await model.repo.versions(secret);
      const ids = new Set(versions.map((v) => v.versionId));
      if (to !== undefined && !ids.has(to)) throw versionNotFound(to);
      if (from !== undefined && !ids.has(from)) throw versionNotFound(from);
      const holder = versionWithStage(new Map(versions.map((v) => [v.versionId, v.stages])), label);
      if (from !== undefined && holder !== from) {
        throw invalidParameter(`The parameter RemoveFromVersionId can't be ${from} because the staging label ${label} is not attached to that version.`);
      }
      if (to !== undefined && holder !== undefined && holder !== to && from === undefined) {
        throw invalidParameter(`The staging label ${label} is currently attached to version ${holder}. You must specify that version in RemoveFromVersionId to move the label.`);
      }
      if (to === undefined && label === AWSCURRENT && from !== undefined) {
        throw invalidParameter(`You can't remove the staging label ${AWSCURRENT} from a version without moving it to another version with MoveToVersionId.`);
      }
      if (to !== undefined) await model.moveStages(secret, versions, [[label, to]]);
      else if (from !== undefined) await model.moveStages(secret, versions, [], [label, from]);
      await model.repo.update(secret, { lastChangedAt: model.now() });
      return secret;
    });
    return { ARN: secret.arn, Name: secret.name };
  };
}
