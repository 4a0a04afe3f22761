/**
 * What AssumeRole works out before anything is decided: the role, the
 * caller's own session (role chaining: its transitive tags and source
 * identity carry over) and the new session's tags. The authorization
 * declaration and the handler both need it; it is computed once per request
 * (memoised on the decoded input object).
 */
import type { IamRole } from '../../../identity/role-repository.ts';
import type { StsSession } from '../../../identity/sessions/session-repository.ts';
import type { AssumeRoleRequest } from '../../../protocol/spec/generated/sts.types.ts';
import type { Principal } from '../../../server/context.ts';
import { validationError } from '../errors.ts';
import type { StsDeps } from '../sts-deps.ts';
import { planSessionTags, type SessionTagPlan } from './session-tags.ts';

export interface AssumeRolePlan {
  /** Undefined when RoleArn names no role. */
  role: IamRole | undefined;
  /** The temporary credentials the caller signed with, when it used some. */
  callerSession: StsSession | undefined;
  tags: SessionTagPlan;
  /** The caller's source identity, which a chained session keeps, else the requested one. */
  sourceIdentity: string | undefined;
}

// Any ARN-shaped string is looked up (and a non-role ARN simply names no role, so AccessDenied).
const ARN_SHAPE = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:[^:]+$/;

const plans = new WeakMap<AssumeRoleRequest, Promise<AssumeRolePlan>>();

export function assumeRolePlan(deps: StsDeps, principal: Principal, input: AssumeRoleRequest): Promise<AssumeRolePlan> {
  let plan = plans.get(input);
  if (!plan) {
    plan = buildPlan(deps, principal, input);
    plans.set(input, plan);
  }
  return plan;
}

async function buildPlan(deps: StsDeps, principal: Principal, input: AssumeRoleRequest): Promise<AssumeRolePlan> {
  if (!ARN_SHAPE.test(input.RoleArn)) throw validationError(`${input.RoleArn} is invalid`);
  const callerSession = principal.accessKeyId?.startsWith('ASIA') ? await deps.sessions.find(principal.accessKeyId) : undefined;
  const inherited = callerSession?.principal.type === 'assumed-role' ? callerSession : undefined;
  const tags = planSessionTags(input.Tags, input.TransitiveTagKeys, inherited);
  const role = await deps.roles.getRoleByArn(input.RoleArn);
  return { role, callerSession, tags, sourceIdentity: inherited?.sourceIdentity ?? input.SourceIdentity };
}
