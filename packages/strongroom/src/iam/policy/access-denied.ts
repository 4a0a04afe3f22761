/**
 * The AccessDenied message AWS writes for IAM-evaluated denials:
 *   User: <principal ARN> is not authorized to perform: <action> on resource:
 *   <resource> because no identity-based policy allows the <action> action
 * with "because no resource-based policy / permissions boundary / session
 * policy allows the … action" for the other implicit denies, and "with an
 * explicit deny in an identity-based policy / a resource-based policy / a
 * permissions boundary / a session policy" for explicit ones.
 */
import { AwsError } from '../../errors/aws-error.ts';
import { principalLabel } from './evaluate.ts';
import type { AuthorizationRequest, EvaluationResult, PolicyType } from './types.ts';

const IMPLICIT: Record<PolicyType, string> = {
  'identity-based': 'identity-based policy',
  'resource-based': 'resource-based policy',
  'permissions-boundary': 'permissions boundary',
  session: 'session policy',
};

const EXPLICIT: Record<PolicyType, string> = {
  'identity-based': 'an identity-based policy',
  'resource-based': 'a resource-based policy',
  'permissions-boundary': 'a permissions boundary',
  session: 'a session policy',
};

export function accessDeniedMessage(request: AuthorizationRequest, result: EvaluationResult): string {
  const head = `User: ${principalLabel(request.principal)} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  const type = result.deniedBy ?? 'identity-based';
  if (result.decision === 'ExplicitDeny') return `${head} with an explicit deny in ${EXPLICIT[type]}`;
  return `${head} because no ${IMPLICIT[type]} allows the ${request.action} action`;
}

/**
 * The error for a denial: awsJson services (KMS, Secrets Manager, SSM) use
 * AccessDeniedException with HTTP 400, awsQuery services (IAM, STS) use
 * AccessDenied with HTTP 403.
 */
export function accessDeniedError(
  request: AuthorizationRequest,
  result: EvaluationResult,
  code: 'AccessDeniedException' | 'AccessDenied' = 'AccessDeniedException',
): AwsError {
  return new AwsError(code, accessDeniedMessage(request, result), code === 'AccessDenied' ? 403 : 400);
}
