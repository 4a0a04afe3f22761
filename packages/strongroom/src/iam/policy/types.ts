/**
 * The policy language as data: the typed document `parse` produces, and the
 * request and result shapes `evaluate` works on. No behaviour in here.
 */

export type PolicyVersion = '2012-10-17' | '2008-10-17';

/**
 * Which rules a document is validated against:
 * - identity: user/group/role policies, managed policies, permissions
 *   boundaries and session policies (Principal forbidden);
 * - resource: KMS key policies, secret policies (Principal required);
 * - trust: a role's AssumeRolePolicyDocument (Principal required, Resource forbidden).
 */
export type PolicyKind = 'identity' | 'resource' | 'trust';

export type Effect = 'Allow' | 'Deny';

/** `"*"`, or principal lists by type (values kept as written). */
export type PrincipalSpec =
  | '*'
  | {
      readonly AWS?: readonly string[];
      readonly Service?: readonly string[];
      readonly Federated?: readonly string[];
      readonly CanonicalUser?: readonly string[];
    };

/** operator (e.g. "ForAnyValue:StringLikeIfExists") → condition key → values. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly condition?: ConditionBlock;
}

export interface Policy {
  /** The effective version: a document without one is 2008-10-17. */
  readonly version: PolicyVersion;
  readonly versionSpecified: boolean;
  readonly id?: string;
  readonly statements: readonly Statement[];
}

// ---------------------------------------------------------------------------
// Requests

/**
 * Who is calling, as the policy engine needs it. For an assumed-role session
 * `arn` is the session ARN (arn:aws:sts::<acct>:assumed-role/<role>/<session>)
 * and `roleArn` the role's IAM ARN (with its path).
 */
export interface RequestPrincipal {
  readonly type: 'root' | 'user' | 'assumed-role' | 'federated-user' | 'service' | 'web-identity' | 'anonymous';
  readonly arn: string;
  readonly accountId: string;
  /** aws:userid — AIDA… for users, AROA…:<session> for role sessions, the account id for root. */
  readonly userId?: string;
  /** aws:username — IAM users only. */
  readonly userName?: string;
  /** The role behind an assumed-role session. */
  readonly roleArn?: string;
  /** The role's unique id (AROA…), matched like the role ARN. */
  readonly roleId?: string;
  /** The IAM user that called GetFederationToken, for federated-user sessions. */
  readonly federatingUserArn?: string;
  /** Principal tags (identity tags merged with session tags); keys compared case-insensitively. */
  readonly tags?: Readonly<Record<string, string>>;
  /** For service principals, e.g. "secretsmanager.amazonaws.com". */
  readonly service?: string;
  /** For web-identity/SAML callers: the provider named in "Federated". */
  readonly federatedProvider?: string;
  readonly canonicalUserId?: string;
}

/** Request context keys: any case, single value or multi-valued. */
export type ContextKeys = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface AuthorizationRequest {
  readonly principal: RequestPrincipal;
  /** e.g. "kms:Decrypt" (matched case-insensitively). */
  readonly action: string;
  /** The resource ARN, or "*" for actions without a resource (kms:CreateKey). */
  readonly resource: string;
  /** The account owning the resource; defaults to the ARN's account, else the principal's. */
  readonly resourceAccount?: string;
  /**
   * Context keys (aws:SourceIp, aws:SecureTransport, kms:EncryptionContext:…,
   * kms:ViaService…). aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
   * aws:username, aws:userid, aws:PrincipalTag/…, aws:CurrentTime and
   * aws:EpochTime are derived from `principal` and `time` when not given here.
   */
  readonly context?: ContextKeys;
  /** The request time (ms since epoch or Date); defaults to now when a time key is used. */
  readonly time?: number | Date;
}

// ---------------------------------------------------------------------------
// Results

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export type PolicyType = 'identity-based' | 'resource-based' | 'permissions-boundary' | 'session';

export interface MatchedStatement {
  /** The name (inline) or ARN (managed) the caller gave the policy. */
  readonly policy: string;
  readonly policyType: PolicyType;
  readonly sid?: string;
  readonly index: number;
}

export type DecisionReason =
  | 'root-user'
  | 'explicit-deny'
  | 'identity-policy-allows'
  | 'resource-policy-allows'
  | 'no-identity-policy-allows'
  | 'no-resource-policy-allows'
  | 'no-permissions-boundary-allows'
  | 'no-session-policy-allows';

export interface EvaluationResult {
  readonly decision: Decision;
  readonly reason: DecisionReason;
  /** The statement that decided: the Deny, or the Allow that granted. */
  readonly matchedStatement?: MatchedStatement;
  /** Across accounts, the identity-policy statement that allowed the caller's side. */
  readonly supportingStatement?: MatchedStatement;
  /** For denials: the policy type named in AWS's AccessDenied message. */
  readonly deniedBy?: PolicyType;
  readonly crossAccount: boolean;
}
