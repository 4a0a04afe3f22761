/** ListSecretVersionIds: versions with their labels; deprecated (unlabelled) ones only with IncludeDeprecated. */
import type { ListSecretVersionIdsRequest, ListSecretVersionIdsResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { invalidNextToken } from '../errors.ts';
import { decodeToken, encodeToken } from '../model/inputs.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';

export function listSecretVersionIds(model: SecretsModel): OperationHandler<ListSecretVersionIdsRequest, ListSecretVersionIdsResponse> {
  return async (ctx, input) => {
    const secret = await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true });
    const offset = decodeToken(input.NextToken, invalidNextToken);
    const limit = input.MaxResults ?? 100;
    const versions = (await model.repo.versions(secret)).filter((v) => input.IncludeDeprecated === true || v.stages.length > 0);
    const out: ListSecretVersionIdsResponse = {
      Versions: versions.slice(offset, offset + limit).map((v) => {
        const entry: NonNullable<ListSecretVersionIdsResponse['Versions']>[number] = { VersionId: v.versionId, VersionStages: [...v.stages] };
        if (v.lastAccessedAt !== null) entry.LastAccessedDate = new Date(v.lastAccessedAt);
        entry.CreatedDate = new Date(v.createdAt);
        entry.KmsKeyIds = [v.kmsKeyArn];
        return entry;
      }),
      ARN: secret.arn,
      Name: secret.name,
    };
    if (offset + limit < versions.length) out.NextToken = encodeToken(offset + limit);
    return out;
  };
}
