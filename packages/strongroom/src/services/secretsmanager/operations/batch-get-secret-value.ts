/**
 * BatchGetSecretValue: the current values of up to 20 secrets, named in
 * SecretIdList or selected by Filters (paginated). Each secret is read
 * through GetSecretValue as the caller, so it needs its own
 * secretsmanager:GetSecretValue permission (and KMS access); a secret that
 * fails is reported in Errors instead of failing the batch.
 */
import { AwsError } from '../../../errors/aws-error.ts';
import type * as S from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { RequestContext } from '../../../server/context.ts';
import { invalidNextToken, invalidParameter } from '../errors.ts';
import { compileFilters } from '../model/filters.ts';
import { decodeToken, encodeToken } from '../model/inputs.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';

const MAX_IDS = 20;

export function batchGetSecretValue(model: SecretsModel): OperationHandler<S.BatchGetSecretValueRequest, S.BatchGetSecretValueResponse> {
  return async (ctx, input) => {
    const byIds = input.SecretIdList !== undefined;
    if (byIds === (input.Filters !== undefined)) throw invalidParameter('Either SecretIdList or Filters must be provided, but not both.');
    if (byIds) {
      if (input.MaxResults !== undefined || input.NextToken !== undefined) throw invalidParameter('MaxResults and NextToken can only be used with Filters.');
      const ids = input.SecretIdList!;
      if (ids.length === 0 || ids.length > MAX_IDS) throw invalidParameter(`SecretIdList must contain between 1 and ${MAX_IDS} secrets.`);
      return readAll(model, ctx, ids);
    }
    const matches = compileFilters(input.Filters);
    const offset = decodeToken(input.NextToken, invalidNextToken);
    const limit = input.MaxResults ?? MAX_IDS;
    const selected = (await model.repo.list(scopeOf(ctx))).filter((s) => s.deletedAt === null && matches(s)).sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
    const out = await readAll(model, ctx, selected.slice(offset, offset + limit).map((s) => s.arn));
    if (offset + limit < selected.length) out.NextToken = encodeToken(offset + limit);
    return out;
  };
}

async function readAll(model: SecretsModel, ctx: RequestContext, ids: readonly string[]): Promise<S.BatchGetSecretValueResponse> {
  const SecretValues: S.SecretValueEntry[] = [];
  const Errors: S.APIErrorType[] = [];
  for (const SecretId of ids) {
    try {
      SecretValues.push(await model.asCaller<S.GetSecretValueResponse>(ctx, 'GetSecretValue', { SecretId }));
    } catch (error) {
      if (!(error instanceof AwsError) || error.fault === 'server') throw error;
      Errors.push({ SecretId, ErrorCode: error.code, Message: error.message });
    }
  }
  return { SecretValues, Errors };
}
