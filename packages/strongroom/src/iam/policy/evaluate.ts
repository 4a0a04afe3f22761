/**
 * AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic",
 * "Cross-account policy evaluation logic"):
 *
 * 1. An explicit Deny in any applicable policy — identity-based, permissions
 *    boundary, session or resource-based — decides.
 * 2. Within one account, an Allow in the identity policies or in the resource
 *    policy suffices, except that permissions boundaries and session policies
 *    limit identity-based allows, and also resource-policy allows granted to
 *    the role ARN of a session (or the IAM user behind a federated-user
 *    session); a resource policy that names the IAM user or the session
 *    itself is not limited by them. A resource policy naming only the account
 *    delegates to the identity policies.
 * 3. Across accounts both sides must allow: the resource policy (naming the
 *    caller, its role or its account) and the caller's identity policies as
 *    limited by its boundary and session policies.
 * 4. KMS key policies and role trust policies are authoritative
 *    (`resourcePolicyMustEnableIam`): identity policies count only when the
 *    resource policy allows the caller's account, and the account's root user
 *    has no access of its own.
 *
 * AWS Organizations SCPs/RCPs are not modelled. Grants are evaluated by KMS.
 */
import type { CompiledPolicy, CompiledStatement } from './compile.ts';
import { matchActions, matchResources } from './compile.ts';
import { evaluateConditions } from './conditions/index.ts';
import { ContextResolver } from './context.ts';
import { MATCH_ACCOUNT, MATCH_DIRECT, MATCH_NONE, MATCH_ROLE, matchPrincipal, notPrincipalApplies, rootArnOf, type MatchLevel } from './principal.ts';
import type { AuthorizationRequest, DecisionReason, EvaluationResult, MatchedStatement, PolicyType, RequestPrincipal } from './types.ts';

export interface NamedPolicy {
  /** Inline policy name or managed policy ARN — reported in results and logs. */
  readonly name: string;
  readonly policy: CompiledPolicy;
}

export interface ResourcePolicy extends NamedPolicy {
  /**
   * KMS key policies (and role trust policies): IAM policies are consulted only
   * when this policy allows the caller's account (its root principal or id),
   * and the root user gets no implicit access.
   */
  readonly resourcePolicyMustEnableIam?: boolean;
}

export interface PolicySet {
  /** User inline + attached and group inline + attached; or role inline + attached. */
  readonly identity?: readonly NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
  /** Session policies (inline Policy and PolicyArns) of the caller's session, when it has any. */
  readonly session?: readonly NamedPolicy[];
  readonly resource?: ResourcePolicy;
}

interface Found {
  policy: NamedPolicy | undefined;
  statement: CompiledStatement | undefined;
  level: MatchLevel;
}

// Evaluation is synchronous, so one set of scratch objects serves every call.
const context = new ContextResolver();
const deny: Found = { policy: undefined, statement: undefined, level: MATCH_NONE };
const identityAllow: Found = { policy: undefined, statement: undefined, level: MATCH_NONE };
const boundaryAllow: Found = { policy: undefined, statement: undefined, level: MATCH_NONE };
const sessionAllow: Found = { policy: undefined, statement: undefined, level: MATCH_NONE };
const resourceAllow: Found = { policy: undefined, statement: undefined, level: MATCH_NONE };
// The caller's account root ARN, computed once per evaluation when a principal is matched.
let rootArn: string | undefined;

function clear(found: Found): void {
  found.policy = undefined;
  found.statement = undefined;
  found.level = MATCH_NONE;
}

/** How (if at all) a statement applies to the request: 0, or the principal match level. */
function statementLevel(st: CompiledStatement, policy: CompiledPolicy, request: AuthorizationRequest, lowerAction: string): MatchLevel {
  if (st.actions === null || matchActions(st.actions, lowerAction) === st.notAction) return MATCH_NONE;
  if (st.resources !== null) {
    if (matchResources(st.resources, request.resource, context) === st.notResource) return MATCH_NONE;
  } else if (policy.kind !== 'trust') {
    return MATCH_NONE;
  }
  let level: MatchLevel = MATCH_DIRECT;
  if (policy.kind !== 'identity') {
    if (st.principal === null) return MATCH_NONE;
    rootArn ??= rootArnOf(request.principal);
    if (st.notPrincipal) {
      if (!notPrincipalApplies(st.principal, request.principal, rootArn)) return MATCH_NONE;
    } else {
      level = matchPrincipal(st.principal, request.principal, rootArn);
      if (level === MATCH_NONE) return MATCH_NONE;
    }
  }
  const required = st.requiredKeys;
  for (let i = 0; i < required.length; i++) if (context.single(required[i]) === undefined) return MATCH_NONE;
  if (st.conditions.length > 0 && !evaluateConditions(st.conditions, context)) return MATCH_NONE;
  return level;
}

/** Scans one policy; returns true when an explicit deny was found (recorded in `deny`). */
function scanPolicy(named: NamedPolicy, request: AuthorizationRequest, lowerAction: string, allow: Found, bestLevel: boolean): boolean {
  const policy = named.policy;
  const statements = policy.statements;
  for (let s = 0; s < statements.length; s++) {
    const st = statements[s];
    // Once an allow is settled only Deny statements can change the outcome.
    if (!st.deny && (allow.level === MATCH_DIRECT || (!bestLevel && allow.level !== MATCH_NONE))) {
      if (!policy.hasDeny) return false;
      continue;
    }
    const level = statementLevel(st, policy, request, lowerAction);
    if (level === MATCH_NONE) continue;
    if (st.deny) {
      deny.policy = named;
      deny.statement = st;
      deny.level = level;
      return true;
    }
    if (level > allow.level) {
      allow.policy = named;
      allow.statement = st;
      allow.level = level;
    }
  }
  return false;
}

function scanAll(policies: readonly NamedPolicy[], request: AuthorizationRequest, lowerAction: string, allow: Found): boolean {
  for (let p = 0; p < policies.length; p++) {
    const named = policies[p];
    if (!named.policy.hasDeny && allow.level !== MATCH_NONE) continue;
    if (scanPolicy(named, request, lowerAction, allow, false)) return true;
  }
  return false;
}

const NO_POLICIES: readonly NamedPolicy[] = [];

export function evaluate(request: AuthorizationRequest, policies: PolicySet): EvaluationResult {
  context.reset(request);
  rootArn = undefined;
  clear(deny);
  clear(identityAllow);
  clear(boundaryAllow);
  clear(sessionAllow);
  clear(resourceAllow);
  const lowerAction = request.action.toLowerCase();
  const principal = request.principal;
  const resourceAccount = request.resourceAccount ?? accountOfArn(request.resource) ?? principal.accountId;
  const crossAccount = principal.type !== 'service' && principal.type !== 'anonymous' && resourceAccount !== principal.accountId;

  // 1. Explicit deny anywhere.
  if (scanAll(policies.identity ?? NO_POLICIES, request, lowerAction, identityAllow)) return denied('identity-based', crossAccount);
  const boundary = policies.permissionsBoundary;
  if (boundary && scanPolicy(boundary, request, lowerAction, boundaryAllow, false)) return denied('permissions-boundary', crossAccount);
  const sessionPolicies = policies.session !== undefined && policies.session.length > 0 ? policies.session : undefined;
  if (sessionPolicies && scanAll(sessionPolicies, request, lowerAction, sessionAllow)) return denied('session', crossAccount);
  const resourcePolicy = policies.resource;
  if (resourcePolicy && scanPolicy(resourcePolicy, request, lowerAction, resourceAllow, true)) return denied('resource-based', crossAccount);

  const mustEnableIam = resourcePolicy?.resourcePolicyMustEnableIam === true;
  const rLevel = resourceAllow.level;
  const boundaryOk = !policies.permissionsBoundary || boundaryAllow.level !== MATCH_NONE;
  // A federated-user session without a session policy has no permissions of its own.
  const sessionOk = sessionPolicies ? sessionAllow.level !== MATCH_NONE : principal.type !== 'federated-user';

  // Callers that are not IAM identities get access only from the resource policy.
  if (principal.type === 'service' || principal.type === 'anonymous' || principal.type === 'web-identity') {
    return rLevel !== MATCH_NONE ? allowed('resource-policy-allows', resourceAllow, 'resource-based', crossAccount) : implicit('resource-based', crossAccount);
  }

  if (principal.type === 'root') {
    if (!crossAccount && !mustEnableIam) return { decision: 'Allow', reason: 'root-user', crossAccount };
    // KMS key policies and trust policies must name the account; across accounts the resource side must allow.
    if (rLevel !== MATCH_NONE) return allowed('resource-policy-allows', resourceAllow, 'resource-based', crossAccount);
    return implicit('resource-based', crossAccount);
  }

  if (!crossAccount) {
    if (rLevel === MATCH_DIRECT) return allowed('resource-policy-allows', resourceAllow, 'resource-based', false);
    if (rLevel === MATCH_ROLE) {
      if (!boundaryOk) return implicit('permissions-boundary', false);
      if (!sessionOk) return implicit('session', false);
      return allowed('resource-policy-allows', resourceAllow, 'resource-based', false);
    }
    if (mustEnableIam && rLevel !== MATCH_ACCOUNT) return implicit('resource-based', false);
    if (identityAllow.level === MATCH_NONE) return implicit('identity-based', false);
    if (!boundaryOk) return implicit('permissions-boundary', false);
    if (!sessionOk) return implicit('session', false);
    return allowed('identity-policy-allows', identityAllow, 'identity-based', false);
  }

  // Cross-account: the trusted account's side, then the resource's.
  if (identityAllow.level === MATCH_NONE) return implicit('identity-based', true);
  if (!boundaryOk) return implicit('permissions-boundary', true);
  if (!sessionOk) return implicit('session', true);
  if (rLevel === MATCH_NONE) return implicit('resource-based', true);
  const result = allowed('resource-policy-allows', resourceAllow, 'resource-based', true);
  return { ...result, supportingStatement: describe(identityAllow, 'identity-based') };
}

function describe(found: Found, policyType: PolicyType): MatchedStatement | undefined {
  if (!found.policy || !found.statement) return undefined;
  const st = found.statement;
  return st.sid !== undefined
    ? { policy: found.policy.name, policyType, sid: st.sid, index: st.index }
    : { policy: found.policy.name, policyType, index: st.index };
}

function denied(policyType: PolicyType, crossAccount: boolean): EvaluationResult {
  return { decision: 'ExplicitDeny', reason: 'explicit-deny', matchedStatement: describe(deny, policyType), deniedBy: policyType, crossAccount };
}

const IMPLICIT_REASONS: Record<PolicyType, DecisionReason> = {
  'identity-based': 'no-identity-policy-allows',
  'resource-based': 'no-resource-policy-allows',
  'permissions-boundary': 'no-permissions-boundary-allows',
  session: 'no-session-policy-allows',
};

function implicit(policyType: PolicyType, crossAccount: boolean): EvaluationResult {
  return { decision: 'ImplicitDeny', reason: IMPLICIT_REASONS[policyType], deniedBy: policyType, crossAccount };
}

function allowed(reason: DecisionReason, found: Found, policyType: PolicyType, crossAccount: boolean): EvaluationResult {
  return { decision: 'Allow', reason, matchedStatement: describe(found, policyType), crossAccount };
}

/** The account id in an ARN (fifth field), when it has one. */
export function accountOfArn(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  let start = 0;
  for (let i = 0; i < 4; i++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return undefined;
  }
  const end = arn.indexOf(':', start);
  if (end < 0) return undefined;
  const account = arn.slice(start, end);
  return account === '' || account === 'aws' ? undefined : account;
}

/** For log lines: the principal's ARN the way AWS names it in messages. */
export function principalLabel(principal: RequestPrincipal): string {
  return principal.type === 'anonymous' ? 'anonymous' : principal.type === 'service' ? (principal.service ?? principal.arn) : principal.arn;
}
