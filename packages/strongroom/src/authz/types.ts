/**
 * The authorization contract between the pipeline and the services. Each
 * service declares, beside its handlers, what every operation needs
 * (`ServiceDefinition.authz`): the IAM action, the resource ARN(s), the
 * resource's policy (already loaded, from the service's cache) and the
 * service's condition keys. The `authorize` step adds the global keys,
 * fetches the caller's identity policies and evaluates.
 */
import type { ContextKeys, EvaluationResult, MatchedStatement, RequestPrincipal, ResourcePolicy } from '../iam/policy/index.ts';
import type { RequestContext } from '../server/context.ts';

/** What a declaration sees: the request context, plus what in-process callers add. */
export interface AuthzContext extends RequestContext {
  /**
   * Set when another Strongroom service calls on the caller's behalf (the
   * in-process client): that service's endpoint, e.g.
   * "ssm.us-east-1.amazonaws.com" (kms:ViaService).
   */
  viaService?: string;
}

/** An allow that does not come from a policy (KMS grants). It can never override an explicit deny. */
export interface AlternativeAllow {
  /** Consulted only when the policies do not allow; undefined when it does not apply to the caller. */
  allows(principal: RequestPrincipal): AlternativeMatch | undefined | Promise<AlternativeMatch | undefined>;
}

export interface AlternativeMatch {
  /** For logs: e.g. "grant:<grant id>". */
  readonly by: string;
  /**
   * direct: it names the caller (its ARN, its role, its service);
   * account: it names the caller's account, whose identity policies must then
   * allow the action, as for a resource policy naming an account.
   */
  readonly level: 'direct' | 'account';
}

/** One authorization question: may the caller perform `action` on `resource`? */
export interface AuthzCheck {
  /** e.g. "kms:Encrypt". */
  readonly action: string;
  /** The resource ARN, or "*" for actions without one (kms:CreateKey). */
  readonly resource: string;
  /** Defaults to the ARN's account. */
  readonly resourceAccount?: string;
  /** The resource's policy (KMS key policy, secret policy), when it has one. */
  readonly resourcePolicy?: ResourcePolicy;
  /** The service's condition keys (kms:EncryptionContext:…, aws:ResourceTag/…); global keys are added by the step. */
  readonly context?: ContextKeys;
  readonly alternative?: AlternativeAllow;
}

/** The operation needs no permission (sts:GetCallerIdentity), or its handler authorizes itself. */
export interface NoAuthorization {
  readonly noAuthorization: true;
  /** Why, for the access log. */
  readonly reason: string;
}

export function noAuthorization(reason: string): NoAuthorization {
  return { noAuthorization: true, reason };
}

export const NEEDS_NO_PERMISSION: NoAuthorization = Object.freeze(noAuthorization('needs no permission'));

export type AuthzRequirement = NoAuthorization | AuthzCheck | readonly AuthzCheck[];

/**
 * A service's declaration for one operation. It may throw the operation's own
 * errors (NotFoundException for an unknown key…) before anything is
 * evaluated, as AWS does.
 */
export type OperationAuthz<I = any> = (ctx: AuthzContext, input: I) => AuthzRequirement | Promise<AuthzRequirement>;

export type ServiceAuthz = Partial<Record<string, OperationAuthz>>;

export function isNoAuthorization(requirement: AuthzRequirement): requirement is NoAuthorization {
  return (requirement as NoAuthorization).noAuthorization === true;
}

/** One decision, as the access log shows it. */
export interface AuthzDecision {
  readonly action: string;
  readonly resource: string;
  readonly decision: EvaluationResult['decision'] | 'NotRequired';
  readonly reason: string;
  /** The statement that decided, when a statement did. */
  readonly statement?: MatchedStatement;
  /** An allow that came from elsewhere (a grant). */
  readonly by?: string;
}
