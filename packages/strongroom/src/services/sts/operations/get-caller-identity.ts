/** STS GetCallerIdentity: who signed this request. Needs no permission. */
import type { RequestContext } from '../../../server/context.ts';
import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from '../../../protocol/spec/generated/sts.types.ts';

export function getCallerIdentity(ctx: RequestContext, _input: GetCallerIdentityRequest): GetCallerIdentityResponse {
  const { principal } = ctx;
  return { UserId: principal.userId, Account: principal.accountId, Arn: principal.arn };
}
