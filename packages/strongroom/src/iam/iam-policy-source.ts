/**
 * The IdentityPolicySource backed by IAM's tables:
 * - an IAM user: its inline and attached policies, and those of its groups,
 *   limited by its permissions boundary;
 * - an assumed-role session: the role's inline and attached policies, its
 *   permissions boundary, and the session policies (inline Policy and
 *   PolicyArns given to AssumeRole);
 * - the root user and Strongroom's internal principal: nothing (the
 *   authorizer treats root specially).
 *
 * Documents are compiled with compilePolicy (cached by text). Each caller's
 * result is cached in memory, so the hot path does not touch the database
 * when nothing changed. Invalidation is coarse: any IAM change in an account
 * (IAM_CHANGES_TOPIC, published inside the writing transaction and delivered
 * to every process) drops every cached entry of that account; a change-feed
 * reset drops everything. IAM writes are rare, reads are per request.
 *
 * A stored document that no longer compiles fails the request rather than
 * being skipped: skipping it could drop a Deny.
 */
import { AWS_MANAGED_POLICIES } from '../identity/aws-managed-policies.ts';
import { IAM_CHANGES_TOPIC } from '../identity/iam-changes.ts';
import { parseIamArn } from '../identity/ids.ts';
import { InlinePolicyRepository } from '../identity/inline-policy-repository.ts';
import { ManagedPolicyRepository } from '../identity/managed-policy-repository.ts';
import type { PolicyOwner } from '../identity/policy-owners.ts';
import type { Principal } from '../server/context.ts';
import type { Store } from '../storage/store.ts';
import type { IdentityPolicies, IdentityPolicySource } from './identity-policy-source.ts';
import { compilePolicy, type NamedPolicy } from './policy/index.ts';

export interface IamPolicySourceOptions {
  /** Most callers cached (default 10 000); the least recently used leave first. */
  maxEntries?: number;
}

interface Entry {
  accountId: string;
  value: Promise<IdentityPolicies>;
}

const NONE: IdentityPolicies = Object.freeze({ identity: Object.freeze([]) as unknown as NamedPolicy[] });

/** A boundary that names a policy which no longer exists allows nothing (fail closed). */
const ALLOWS_NOTHING = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });

export class IamPolicySource implements IdentityPolicySource {
  readonly #store: Store;
  readonly #inline: InlinePolicyRepository;
  readonly #managed: ManagedPolicyRepository;
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #unsubscribe: Array<() => void>;

  constructor(store: Store, options: IamPolicySourceOptions = {}) {
    this.#store = store;
    this.#inline = new InlinePolicyRepository(store);
    this.#managed = new ManagedPolicyRepository(store);
    this.#maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.#unsubscribe = [store.changes.subscribe(IAM_CHANGES_TOPIC, (accountId) => this.invalidateAccount(accountId)), store.changes.onReset(() => this.clear())];
  }

  async policiesFor(principal: Principal): Promise<IdentityPolicies> {
    const key = cacheKey(principal);
    if (key === undefined) return NONE;
    // Inside a transaction reads may see uncommitted rows: never cache those.
    if (this.#store.current() !== this.#store.db) return this.#load(principal);
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value;
    }
    const value = this.#load(principal);
    const entry: Entry = { accountId: principal.accountId, value };
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  /** Drops everything cached for callers of the account. */
  invalidateAccount(accountId: string): void {
    for (const [key, entry] of this.#entries) if (entry.accountId === accountId) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** How many callers are cached (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  /** Stops listening to the change feed. */
  close(): void {
    for (const off of this.#unsubscribe) off();
  }

  async #load(principal: Principal): Promise<IdentityPolicies> {
    if (principal.kind === 'user') return this.#forUser(principal.accountId, principal.userName ?? lastSegment(principal.arn));
    if (principal.kind === 'assumed-role' && principal.roleArn) return this.#forRoleSession(principal);
    return NONE;
  }

  async #forUser(accountId: string, userName: string): Promise<IdentityPolicies> {
    const db = this.#store.current();
    const user = await db
      .selectFrom('iam_users')
      .select(['user_name', 'permissions_boundary_arn'])
      .where('account_id', '=', accountId)
      .where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName.toLowerCase()))
      .executeTakeFirst();
    if (!user) return NONE;
    const groups = await db
      .selectFrom('iam_group_members')
      .select('group_name')
      .where('account_id', '=', accountId)
      .where('user_name', '=', user.user_name)
      .orderBy('group_name')
      .execute();
    const owners: PolicyOwner[] = [{ type: 'user', name: user.user_name }, ...groups.map((g): PolicyOwner => ({ type: 'group', name: g.group_name }))];
    return this.#compile(accountId, owners, user.permissions_boundary_arn);
  }

  async #forRoleSession(principal: Principal): Promise<IdentityPolicies> {
    const parsed = parseIamArn(principal.roleArn!);
    const accountId = parsed?.accountId ?? principal.accountId;
    const role = parsed
      ? await this.#store
          .current()
          .selectFrom('iam_roles')
          .select(['role_name', 'permissions_boundary_arn'])
          .where('account_id', '=', accountId)
          .where((eb) => eb(eb.fn('lower', ['role_name']), '=', parsed.name.toLowerCase()))
          .executeTakeFirst()
      : undefined;
    // A session whose role has since been deleted has no permissions.
    if (!role) return NONE;
    const policies = await this.#compile(accountId, [{ type: 'role', name: role.role_name }], role.permissions_boundary_arn);
    const session = principal.session;
    if (!session || (session.policy === undefined && !session.policyArns?.length)) return policies;
    const sessionPolicies: NamedPolicy[] = [];
    if (session.policy !== undefined) sessionPolicies.push({ name: 'session policy', policy: compilePolicy(session.policy, { kind: 'identity' }) });
    if (session.policyArns?.length) {
      const documents = await this.#managed.defaultDocuments(accountId, session.policyArns);
      for (const arn of session.policyArns) {
        // A managed session policy that no longer exists grants nothing; it still makes the session policy-limited.
        sessionPolicies.push({ name: arn, policy: compilePolicy(documents.get(arn) ?? ALLOWS_NOTHING, { kind: 'identity' }) });
      }
    }
    return { ...policies, session: sessionPolicies };
  }

  async #compile(accountId: string, owners: readonly PolicyOwner[], boundaryArn: string | null): Promise<IdentityPolicies> {
    const identity: NamedPolicy[] = [];
    const attached: string[] = [];
    for (const owner of owners) {
      for (const inline of await this.#inline.listFor(accountId, owner)) {
        identity.push({ name: inline.policyName, policy: compilePolicy(inline.document, { kind: 'identity' }) });
      }
      for (const arn of await this.#managed.attachedTo(accountId, owner)) if (!attached.includes(arn)) attached.push(arn);
    }
    const documents = await this.#managed.defaultDocuments(accountId, boundaryArn ? [...attached, boundaryArn] : attached);
    for (const arn of attached) {
      const document = documents.get(arn);
      if (document !== undefined) identity.push({ name: arn, policy: compilePolicy(document, { kind: 'identity' }) });
    }
    const result: IdentityPolicies = { identity };
    if (boundaryArn) result.permissionsBoundary = { name: boundaryArn, policy: compilePolicy(documents.get(boundaryArn) ?? ALLOWS_NOTHING, { kind: 'identity' }) };
    return result;
  }
}

/** undefined: the principal has no identity policies (root, internal). */
function cacheKey(principal: Principal): string | undefined {
  switch (principal.kind) {
    case 'user':
      return `u|${principal.arn}`;
    case 'assumed-role': {
      const session = principal.session;
      if (!session || (session.policy === undefined && !session.policyArns?.length)) return `r|${principal.roleArn}`;
      // Session policies differ per session: one entry per temporary key (or per policy set, for a caller without one).
      return principal.accessKeyId
        ? `s|${principal.accessKeyId}|${principal.roleArn}`
        : `s|${principal.roleArn}|${session.policy ?? ''}|${(session.policyArns ?? []).join(',')}`;
    }
    default:
      return undefined;
  }
}

function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

// Compile the AWS managed policies once at load: a typo in one fails fast, in tests, not on a request.
for (const p of AWS_MANAGED_POLICIES) compilePolicy(p.document, { kind: 'identity' });
