/**
 * What each STS operation needs to be allowed. GetCallerIdentity and
 * GetSessionToken need no permission. AssumeRole is decided by the role's
 * trust policy, evaluated as a resource policy that must enable IAM: a trust
 * policy naming the caller (or, for a role session, its role) allows on its
 * own within the account; one naming the account delegates to the caller's
 * identity policies, which must then allow sts:AssumeRole too; across
 * accounts both sides must allow. Passing session tags also needs
 * sts:TagSession, and a source identity sts:SetSourceIdentity, on the same
 * terms.
 */
import { toRequestPrincipal } from '../../authz/request-principal.ts';
import { NEEDS_NO_PERMISSION, noAuthorization, type AuthzCheck, type AuthzRequirement, type ServiceAuthz } from '../../authz/types.ts';
import { accessDeniedMessage, compilePolicy, PolicyValidationError, type CompiledPolicy, type ResourcePolicy } from '../../iam/policy/index.ts';
import type { AssumeRoleRequest } from '../../protocol/spec/generated/sts.types.ts';
import type { Principal } from '../../server/context.ts';
import { accessDenied, STS_MESSAGES } from './errors.ts';
import { assumeRolePlan } from './model/assume-role-plan.ts';
import { tagContextKeys } from './model/session-tags.ts';
import type { StsDeps } from './sts-deps.ts';

export function stsAuthz(deps: StsDeps): ServiceAuthz {
  return {
    GetCallerIdentity: () => NEEDS_NO_PERMISSION,
    GetSessionToken: () => noAuthorization('GetSessionToken needs no permission'),
    GetAccessKeyInfo: () => ({ action: 'sts:GetAccessKeyInfo', resource: '*' }),
    AssumeRole: (ctx, input: AssumeRoleRequest) => assumeRoleChecks(deps, ctx.principal, input),
  };
}

async function assumeRoleChecks(deps: StsDeps, principal: Principal, input: AssumeRoleRequest): Promise<AuthzRequirement> {
  if (deps.authenticationOff) return noAuthorization('authentication is off');
  if (principal.kind === 'root') throw accessDenied(STS_MESSAGES.rootCannotAssumeRoles);
  const plan = await assumeRolePlan(deps, principal, input);
  const trust = plan.role && trustPolicy(plan.role.assumeRolePolicyDocument);
  // A role that does not exist is refused like one whose trust policy does not allow the caller.
  if (!plan.role || !trust) throw assumeRoleDenied(principal, 'sts:AssumeRole', input.RoleArn);

  const context: Record<string, string | readonly string[]> = { 'sts:RoleSessionName': input.RoleSessionName, ...tagContextKeys(plan.tags, input.TransitiveTagKeys) };
  if (input.ExternalId !== undefined) context['sts:ExternalId'] = input.ExternalId;
  if (input.SourceIdentity !== undefined) context['sts:SourceIdentity'] = input.SourceIdentity;
  const resourcePolicy: ResourcePolicy = { name: `${plan.role.arn} trust policy`, policy: trust, resourcePolicyMustEnableIam: true };
  const check = (action: string): AuthzCheck => ({ action, resource: plan.role!.arn, resourcePolicy, context });

  const checks = [check('sts:AssumeRole')];
  if (plan.tags.requested.length > 0) checks.push(check('sts:TagSession'));
  if (input.SourceIdentity !== undefined) checks.push(check('sts:SetSourceIdentity'));
  return checks;
}

function trustPolicy(document: string): CompiledPolicy | undefined {
  try {
    return compilePolicy(document, { kind: 'trust' });
  } catch (error) {
    // Stored trust policies were validated; one that no longer parses trusts nobody.
    if (error instanceof PolicyValidationError) return undefined;
    throw error;
  }
}

/** AWS's AccessDenied for a role the caller may not assume, worded as the evaluated denial would be. */
export function assumeRoleDenied(principal: Principal, action: string, resource: string) {
  const request = { principal: toRequestPrincipal(principal), action, resource };
  return accessDenied(accessDeniedMessage(request, { decision: 'ImplicitDeny', reason: 'no-resource-policy-allows', deniedBy: 'resource-based', crossAccount: false }));
}
