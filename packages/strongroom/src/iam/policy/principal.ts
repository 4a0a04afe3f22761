/**
 * Principal and NotPrincipal matching for resource and trust policies.
 *
 * How a statement names the caller matters to evaluation, so a match has a
 * level (IAM User Guide, "Policy evaluation logic" and "Principal element"):
 * - direct: the caller itself — the IAM user, the role session ARN, the
 *   federated-user session ARN, the root user, a service principal, or "*".
 *   Within one account such a grant is not limited by implicit denies in
 *   identity policies, permissions boundaries or session policies.
 * - role: the role ARN (or role id) behind an assumed-role session, or the
 *   IAM user behind a federated-user session: "Resource-based policies that
 *   grant permissions to an IAM role ARN are limited by an implicit deny in a
 *   permissions boundary or session policy."
 * - account: the account (12-digit id or arn:aws:iam::<id>:root), which
 *   delegates to that account's identity policies ("If you reference an AWS
 *   account as principal, it generally means any principal defined within
 *   that account").
 *
 * Wildcards are only valid as the whole principal ("*" or {"AWS": "*"}).
 */
import type { PrincipalSpec, RequestPrincipal } from './types.ts';

export type MatchLevel = 0 | 1 | 2 | 3;
export const MATCH_NONE = 0;
export const MATCH_ACCOUNT = 1;
export const MATCH_ROLE = 2;
export const MATCH_DIRECT = 3;

export interface PrincipalMatcher {
  readonly anyone: boolean;
  readonly aws: ReadonlySet<string>;
  readonly service: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
  readonly canonical: ReadonlySet<string>;
}

const ACCOUNT_ID = /^\d{12}$/;
const EMPTY = new Set<string>();

export function compilePrincipal(spec: PrincipalSpec): PrincipalMatcher {
  if (spec === '*') return { anyone: true, aws: EMPTY, service: EMPTY, federated: EMPTY, canonical: EMPTY };
  const aws = new Set<string>();
  let anyone = false;
  for (const value of spec.AWS ?? []) {
    if (value === '*') anyone = true;
    else aws.add(ACCOUNT_ID.test(value) ? `arn:aws:iam::${value}:root` : value);
  }
  return {
    anyone,
    aws,
    service: new Set(spec.Service ?? []),
    federated: new Set(spec.Federated ?? []),
    canonical: new Set(spec.CanonicalUser ?? []),
  };
}

/** arn:<partition>:iam::<account>:root for the caller's account. */
export function rootArnOf(principal: RequestPrincipal): string {
  const partition = principal.arn.startsWith('arn:') ? principal.arn.slice(4, principal.arn.indexOf(':', 4)) : 'aws';
  return `arn:${partition}:iam::${principal.accountId}:root`;
}

export function matchPrincipal(matcher: PrincipalMatcher, principal: RequestPrincipal, rootArn: string): MatchLevel {
  if (matcher.anyone) return MATCH_DIRECT;
  if (principal.canonicalUserId !== undefined && matcher.canonical.has(principal.canonicalUserId)) return MATCH_DIRECT;
  const aws = matcher.aws;
  switch (principal.type) {
    case 'service':
      return principal.service !== undefined && matcher.service.has(principal.service) ? MATCH_DIRECT : MATCH_NONE;
    case 'web-identity':
      return principal.federatedProvider !== undefined && matcher.federated.has(principal.federatedProvider) ? MATCH_DIRECT : MATCH_NONE;
    case 'anonymous':
      return MATCH_NONE;
    default:
      break;
  }
  if (aws.size === 0) return MATCH_NONE;
  if (aws.has(principal.arn)) return MATCH_DIRECT;
  switch (principal.type) {
    case 'root':
      return aws.has(rootArn) ? MATCH_DIRECT : MATCH_NONE;
    case 'user':
      if (principal.userId !== undefined && aws.has(principal.userId)) return MATCH_DIRECT;
      break;
    case 'assumed-role':
      if ((principal.roleArn !== undefined && aws.has(principal.roleArn)) || (principal.roleId !== undefined && aws.has(principal.roleId))) {
        return MATCH_ROLE;
      }
      break;
    case 'federated-user':
      if (principal.federatingUserArn !== undefined && aws.has(principal.federatingUserArn)) return MATCH_ROLE;
      break;
  }
  return aws.has(rootArn) ? MATCH_ACCOUNT : MATCH_NONE;
}

/**
 * Does a NotPrincipal statement apply to the caller? It names exceptions, and
 * a caller is excepted only when every identity it acts as is listed — the
 * session, its role and its account ("When you use NotPrincipal with Deny,
 * you must also specify the account ARN of the not-denied principal.
 * Otherwise, the policy might deny access to the entire account").
 */
export function notPrincipalApplies(matcher: PrincipalMatcher, principal: RequestPrincipal, rootArn: string): boolean {
  if (matcher.anyone) return false;
  if (principal.canonicalUserId !== undefined && matcher.canonical.has(principal.canonicalUserId)) return false;
  const aws = matcher.aws;
  switch (principal.type) {
    case 'service':
      return !(principal.service !== undefined && matcher.service.has(principal.service));
    case 'web-identity':
      return !(principal.federatedProvider !== undefined && matcher.federated.has(principal.federatedProvider));
    case 'anonymous':
      return true;
    case 'root':
      return !(aws.has(principal.arn) || aws.has(rootArn));
    case 'user':
      return !((aws.has(principal.arn) || (principal.userId !== undefined && aws.has(principal.userId))) && aws.has(rootArn));
    case 'assumed-role': {
      const roleListed =
        (principal.roleArn !== undefined && aws.has(principal.roleArn)) || (principal.roleId !== undefined && aws.has(principal.roleId));
      return !(aws.has(principal.arn) && roleListed && aws.has(rootArn));
    }
    case 'federated-user':
      return !(aws.has(principal.arn) && aws.has(rootArn));
  }
}
