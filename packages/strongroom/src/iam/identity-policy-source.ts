/**
 * The contract between authorization (which evaluates) and IAM (which stores
 * policies): everything identity-based that applies to a principal, compiled
 * and cached, invalidated when an IAM change touches it.
 */
import type { NamedPolicy } from './policy/index.ts';
import type { Principal } from '../server/context.ts';

export interface IdentityPolicies {
  /** Inline and attached policies of the user and its groups, or of the role. */
  identity: NamedPolicy[];
  /** The user's or role's permissions boundary, when set. */
  permissionsBoundary?: NamedPolicy;
  /** Session policies of an assumed-role session (inline Policy and PolicyArns), when given. */
  session?: NamedPolicy[];
}

export interface IdentityPolicySource {
  /** Must be served from memory on the hot path (cached; invalidated through the store's change feed). */
  policiesFor(principal: Principal): Promise<IdentityPolicies>;
}
