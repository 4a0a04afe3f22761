/** DescribeSecret: metadata, tags, dates and VersionIdsToStages (also while scheduled for deletion). */
import type { DescribeSecretRequest, DescribeSecretResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import { describeSecret as view, versionIdsToStages } from '../views.ts';

export function describeSecret(model: SecretsModel): OperationHandler<DescribeSecretRequest, DescribeSecretResponse> {
  return async (ctx, input) => {
    const secret = await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true });
    const versions = await model.repo.versions(secret);
    return { ...view(secret, versions), VersionIdsToStages: versionIdsToStages(versions) };
  };
}
