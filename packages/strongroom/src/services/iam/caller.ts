/**
 * IAM operations whose UserName is optional act on the caller: the IAM user
 * that signed the request. Other callers must name the user.
 */
import { AwsError } from '../../errors/aws-error.ts';
import type { RequestContext } from '../../server/context.ts';

export function nonUserCredentials(): AwsError {
  return new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
}

/** The named user, else the calling user; ValidationError for other callers. */
export function userNameOrCaller(ctx: RequestContext, userName: string | undefined): string {
  if (userName !== undefined) return userName;
  const principal = ctx.principal;
  if (principal.kind === 'user' && principal.session === undefined) return principal.userName ?? principal.arn.slice(principal.arn.lastIndexOf('/') + 1);
  throw nonUserCredentials();
}
