/**
 * Whether a grant allows a request (KMS Developer Guide, "Grants in AWS KMS"):
 * - the grantee: the caller's ARN, the role behind a role session, a service
 *   principal, or the caller's account (arn:aws:iam::<account>:root), which
 *   then delegates to that account's identity policies;
 * - the operation is one of the grant's operations;
 * - constraints apply to operations that take an encryption context only:
 *   EncryptionContextEquals (exactly these pairs) and EncryptionContextSubset
 *   (at least these pairs), constraint keys compared ignoring case, values
 *   exactly ("in a grant constraint, the key in each key-value pair is not
 *   case sensitive, but the value is case sensitive");
 * - CreateGrant through a grant: the new grant's operations must be among the
 *   parent's, and its constraints equally strict or stricter.
 * Who may retire a grant: its retiring principal, its grantee when the grant
 * includes RetireGrant, and the account in which it was created.
 */
import type { AlternativeMatch } from '../../../authz/types.ts';
import type { RequestPrincipal } from '../../../iam/policy/index.ts';
import type { GrantOperation } from '../../../protocol/spec/generated/kms.types.ts';
import { CONTEXT_OPERATIONS, type GrantConstraintsRecord, type GrantRecord } from './types.ts';

type Level = AlternativeMatch['level'];
type Context = Readonly<Record<string, string>> | undefined;

/** How `principalSpec` (a grantee or retiring principal) names the caller, if it does. */
export function principalLevel(principalSpec: string | undefined, servicePrincipal: string | undefined, caller: RequestPrincipal): Level | undefined {
  if (caller.type === 'service') return servicePrincipal !== undefined && servicePrincipal === caller.service ? 'direct' : undefined;
  if (principalSpec === undefined) return undefined;
  if (principalSpec === caller.arn) return 'direct';
  if (caller.roleArn !== undefined && principalSpec === caller.roleArn) return 'direct';
  if (principalSpec === `arn:aws:iam::${caller.accountId}:root` || principalSpec === caller.accountId) return caller.type === 'root' ? 'direct' : 'account';
  return undefined;
}

/** Whether the request's encryption context satisfies the grant's constraints for `operation`. */
export function constraintsAllow(constraints: GrantConstraintsRecord | undefined, operation: GrantOperation, context: Context): boolean {
  if (!constraints || !CONTEXT_OPERATIONS.has(operation)) return true;
  const { encryptionContextEquals: equals, encryptionContextSubset: subset } = constraints;
  if (equals && !(includesPairs(context, equals) && size(context) === size(equals))) return false;
  if (subset && !includesPairs(context, subset)) return false;
  return true;
}

/** The new grant CreateGrant asks for, when the caller's permission comes from a grant. */
export interface RequestedGrant {
  operations: readonly GrantOperation[];
  constraints?: GrantConstraintsRecord;
}

/** The grant allows `operation` to `caller` with this context (and, for CreateGrant, this new grant). */
export function grantAllows(
  grant: GrantRecord,
  caller: RequestPrincipal,
  operation: GrantOperation,
  context: Context,
  requested?: RequestedGrant,
): Level | undefined {
  if (!grant.operations.includes(operation)) return undefined;
  const level = principalLevel(grant.granteePrincipal, grant.granteeServicePrincipal, caller);
  if (level === undefined) return undefined;
  if (!constraintsAllow(grant.constraints, operation, context)) return undefined;
  if (operation === 'CreateGrant' && requested && !isAtLeastAsStrict(grant, requested)) return undefined;
  return level;
}

/** A grant created through `parent`'s CreateGrant: a subset of its operations, constraints equally strict or stricter. */
export function isAtLeastAsStrict(parent: GrantRecord, child: RequestedGrant): boolean {
  for (const op of child.operations) if (!parent.operations.includes(op)) return false;
  const p = parent.constraints;
  if (!p) return true;
  const c = child.constraints ?? {};
  if (p.encryptionContextEquals) {
    const e = c.encryptionContextEquals;
    if (!e || size(e) !== size(p.encryptionContextEquals) || !includesPairs(e, p.encryptionContextEquals)) return false;
  }
  if (p.encryptionContextSubset) {
    const required = p.encryptionContextSubset;
    const viaEquals = c.encryptionContextEquals !== undefined && includesPairs(c.encryptionContextEquals, required);
    const viaSubset = c.encryptionContextSubset !== undefined && includesPairs(c.encryptionContextSubset, required);
    if (!viaEquals && !viaSubset) return false;
  }
  return true;
}

/** How the caller may retire the grant: as its retiring principal, as a grantee allowed RetireGrant, or as the root of the account that created it. */
export function retireLevel(grant: GrantRecord, caller: RequestPrincipal): Level | undefined {
  if (caller.type === 'root' && grant.issuingAccount === `arn:aws:iam::${caller.accountId}:root`) return 'direct';
  const asRetiring = principalLevel(grant.retiringPrincipal, grant.retiringServicePrincipal, caller);
  if (asRetiring === 'direct') return asRetiring;
  const asGrantee = grant.operations.includes('RetireGrant') ? principalLevel(grant.granteePrincipal, grant.granteeServicePrincipal, caller) : undefined;
  return asGrantee === 'direct' ? asGrantee : (asRetiring ?? asGrantee);
}

/** `context` holds every pair of `pairs` (keys ignoring case, values exactly). */
function includesPairs(context: Context, pairs: Readonly<Record<string, string>>): boolean {
  for (const key in pairs) {
    const value = lookupIgnoringCase(context, key);
    if (value === undefined || value !== pairs[key]) return false;
  }
  return true;
}

function lookupIgnoringCase(context: Context, key: string): string | undefined {
  if (!context) return undefined;
  const exact = context[key];
  if (exact !== undefined) return exact;
  const lower = key.toLowerCase();
  for (const k in context) if (k.toLowerCase() === lower) return context[k];
  return undefined;
}

function size(context: Context): number {
  let n = 0;
  if (context) for (const _ in context) n++;
  return n;
}
