/**
 * Evaluates an operation's checks for one caller: identity policies from the
 * IdentityPolicySource (fetched once per request, never for the root user,
 * who has none), the resource's policy from the declaration, the request's
 * context keys. An explicit deny anywhere decides; an alternative allow (a
 * KMS grant) is consulted only when the policies merely do not allow.
 */
import type { AwsError } from '../errors/aws-error.ts';
import type { IdentityPolicies, IdentityPolicySource } from '../iam/identity-policy-source.ts';
import {
  accessDeniedError,
  evaluate,
  type AuthorizationRequest,
  type ContextKeys,
  type EvaluationResult,
  type PolicySet,
  type RequestPrincipal,
} from '../iam/policy/index.ts';
import type { Principal } from '../server/context.ts';
import type { AuthzCheck, AuthzDecision } from './types.ts';

export type AccessDeniedCode = 'AccessDeniedException' | 'AccessDenied';

export interface AuthorizationInput {
  principal: Principal;
  requestPrincipal: RequestPrincipal;
  checks: readonly AuthzCheck[];
  /** Global condition keys of the request (aws:SourceIp, aws:SecureTransport, aws:RequestedRegion…). */
  globals: ContextKeys;
  time: Date;
  /** AccessDeniedException (awsJson services) or AccessDenied (awsQuery services). */
  errorCode: AccessDeniedCode;
  /** Every decision is appended here, the denying one included. */
  decisions: AuthzDecision[];
}

const NO_IDENTITY_POLICIES: IdentityPolicies = Object.freeze({ identity: [] });

export class Authorizer {
  readonly #identityPolicies: IdentityPolicySource;

  constructor(identityPolicies: IdentityPolicySource) {
    this.#identityPolicies = identityPolicies;
  }

  /** Resolves when every check allows; throws the AccessDenied error of the first that does not. */
  async authorize(input: AuthorizationInput): Promise<void> {
    const { requestPrincipal: principal, checks, decisions } = input;
    let identity: IdentityPolicies | undefined;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i];
      identity ??= principal.type === 'root' ? NO_IDENTITY_POLICIES : await this.#identityPolicies.policiesFor(input.principal);
      const request: AuthorizationRequest = {
        principal,
        action: check.action,
        resource: check.resource,
        resourceAccount: check.resourceAccount,
        context: withGlobals(input.globals, check.context),
        time: input.time,
      };
      const result = evaluate(request, policySet(identity, check));
      if (result.decision === 'Allow') {
        decisions.push(decision(check, result));
        continue;
      }
      if (result.decision === 'ImplicitDeny' && check.alternative) {
        const match = await check.alternative.allows(principal);
        if (match && (match.level === 'direct' || identityAllows(request, identity))) {
          decisions.push({ action: check.action, resource: check.resource, decision: 'Allow', reason: 'alternative-allows', by: match.by });
          continue;
        }
      }
      decisions.push(decision(check, result));
      throw denied(request, result, input.errorCode);
    }
  }
}

function denied(request: AuthorizationRequest, result: EvaluationResult, code: AccessDeniedCode): AwsError {
  return accessDeniedError(request, result, code);
}

function decision(check: AuthzCheck, result: EvaluationResult): AuthzDecision {
  return result.matchedStatement
    ? { action: check.action, resource: check.resource, decision: result.decision, reason: result.reason, statement: result.matchedStatement }
    : { action: check.action, resource: check.resource, decision: result.decision, reason: result.reason };
}

function policySet(identity: IdentityPolicies, check: AuthzCheck): PolicySet {
  return { identity: identity.identity, permissionsBoundary: identity.permissionsBoundary, session: identity.session, resource: check.resourcePolicy };
}

/** An account-level alternative allow delegates to the caller's identity policies, as a resource policy naming the account does. */
function identityAllows(request: AuthorizationRequest, identity: IdentityPolicies): boolean {
  const own: AuthorizationRequest = { ...request, resourceAccount: request.principal.accountId };
  return evaluate(own, { identity: identity.identity, permissionsBoundary: identity.permissionsBoundary, session: identity.session }).decision === 'Allow';
}

/** The check's keys over the request's global keys (one small object; none when the check has no keys). */
function withGlobals(globals: ContextKeys, keys: ContextKeys | undefined): ContextKeys {
  // Object.assign, not spread: with these dynamic key names it is many times faster.
  return keys === undefined ? globals : Object.assign({}, globals, keys);
}
