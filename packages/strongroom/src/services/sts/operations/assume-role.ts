/**
 * STS AssumeRole: temporary credentials for a role session. Whether the
 * caller may assume the role is decided before this runs (authz.ts); here
 * the session's duration, policies and tags are checked and the session is
 * issued.
 */
import type { IamRole } from '../../../identity/role-repository.ts';
import type { AssumeRoleRequest, AssumeRoleResponse } from '../../../protocol/spec/generated/sts.types.ts';
import type { Principal, RequestContext } from '../../../server/context.ts';
import { assumeRoleDenied } from '../authz.ts';
import { accessDenied, STS_MESSAGES, validationError } from '../errors.ts';
import { assumeRolePlan } from '../model/assume-role-plan.ts';
import { packedPolicySize, validateSessionPolicies } from '../model/session-policies.ts';
import type { StsDeps } from '../sts-deps.ts';
import { credentialsOutput } from './credentials-output.ts';

export const DEFAULT_ROLE_SESSION_SECONDS = 3600;
/** "Role chaining limits your AWS CLI or AWS API role session to a maximum of one hour." */
export const ROLE_CHAINING_MAX_SECONDS = 3600;

export function assumeRole(deps: StsDeps): (ctx: RequestContext, input: AssumeRoleRequest) => Promise<AssumeRoleResponse> {
  return async (ctx, input) => {
    const plan = await assumeRolePlan(deps, ctx.principal, input);
    const role = plan.role;
    if (!role) throw assumeRoleDenied(ctx.principal, 'sts:AssumeRole', input.RoleArn);
    if (input.SerialNumber !== undefined || input.TokenCode !== undefined) throw accessDenied(STS_MESSAGES.mfaFailed);
    const durationSeconds = roleSessionDuration(input.DurationSeconds, role, ctx.principal);
    const policies = validateSessionPolicies(input.Policy, input.PolicyArns);
    const hasPacked = policies.policy !== undefined || policies.policyArns.length > 0 || Object.keys(plan.tags.tags).length > 0;
    const packed = hasPacked ? packedPolicySize(policies, plan.tags.tags, plan.tags.transitiveTagKeys) : undefined;

    const sessionName = input.RoleSessionName;
    const arn = `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`;
    const assumedRoleId = `${role.roleId}:${sessionName}`;
    const issued = await deps.sessions.create({
      accountId: role.accountId,
      principal: { type: 'assumed-role', arn, id: assumedRoleId, roleArn: role.arn, roleId: role.roleId, roleSessionName: sessionName },
      durationSeconds,
      sessionPolicy: policies.policy,
      policyArns: policies.policyArns,
      tags: plan.tags.tags,
      transitiveTagKeys: plan.tags.transitiveTagKeys,
      sourceIdentity: plan.sourceIdentity,
      now: ctx.receivedAt.getTime(),
    });

    const output: AssumeRoleResponse = { Credentials: credentialsOutput(issued), AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn } };
    if (packed !== undefined) output.PackedPolicySize = packed;
    if (plan.sourceIdentity !== undefined) output.SourceIdentity = plan.sourceIdentity;
    return output;
  };
}

/** DurationSeconds (model: 900–43200) within the role's MaxSessionDuration, and one hour when chaining roles. */
export function roleSessionDuration(requested: number | undefined, role: IamRole, caller: Principal): number {
  if (requested === undefined) return DEFAULT_ROLE_SESSION_SECONDS;
  if (caller.kind === 'assumed-role' && requested > ROLE_CHAINING_MAX_SECONDS) throw validationError(STS_MESSAGES.exceedsChainingLimit);
  if (requested > role.maxSessionDuration) throw validationError(STS_MESSAGES.exceedsMaxSessionDuration);
  return requested;
}
