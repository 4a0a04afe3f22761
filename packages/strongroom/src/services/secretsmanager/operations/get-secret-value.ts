/** GetSecretValue: the value of the version named by VersionId or VersionStage (default AWSCURRENT), decrypted through KMS as the caller. */
import type { GetSecretValueRequest, GetSecretValueResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { RequestContext } from '../../../server/context.ts';
import { selectVersion } from '../model/inputs.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import type { SecretRecord } from '../model/types.ts';

export async function readSecretValue(model: SecretsModel, ctx: RequestContext, secret: SecretRecord, versionId?: string, stage?: string): Promise<GetSecretValueResponse> {
  const version = selectVersion(await model.repo.versions(secret), versionId, stage);
  const value = await model.decrypt(ctx, secret, version);
  await model.touch(secret, version);
  const out: GetSecretValueResponse = { ARN: secret.arn, Name: secret.name, VersionId: version.versionId };
  if (value.string !== undefined) out.SecretString = value.string;
  else out.SecretBinary = value.binary;
  out.VersionStages = [...version.stages];
  out.CreatedDate = new Date(version.createdAt);
  return out;
}

export function getSecretValue(model: SecretsModel): OperationHandler<GetSecretValueRequest, GetSecretValueResponse> {
  return async (ctx, input) => readSecretValue(model, ctx, await model.get(scopeOf(ctx), input.SecretId, { request: input }), input.VersionId, input.VersionStage);
}
