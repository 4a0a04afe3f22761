/**
 * Inline policies of users, groups and roles. Documents are validated as
 * identity policies before they are stored (MalformedPolicyDocument), and
 * the sum of one entity's inline policies is held to IAM's quota (2048
 * non-white-space characters for a user, 5120 for a group, 10240 for a role).
 */
import { AwsError } from '../errors/aws-error.ts';
import { iamPolicySize, parsePolicy, POLICY_SIZE_LIMITS } from '../iam/policy/index.ts';
import type { Store } from '../storage/store.ts';
import type { IamOwnerType } from '../storage/types.ts';
import { publishIamChange } from './iam-changes.ts';
import { lockOwner, type PolicyOwner } from './policy-owners.ts';

export const INLINE_POLICY_LIMITS: Record<IamOwnerType, number> = {
  user: POLICY_SIZE_LIMITS.inlineUserPolicies,
  group: POLICY_SIZE_LIMITS.inlineGroupPolicies,
  role: POLICY_SIZE_LIMITS.inlineRolePolicies,
};

export interface InlinePolicy {
  owner: PolicyOwner;
  policyName: string;
  document: string;
}

export class InlinePolicyRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Put*Policy: creates or replaces. NoSuchEntity, MalformedPolicyDocument, LimitExceeded. */
  async put(accountId: string, type: IamOwnerType, ownerName: string, policyName: string, document: string): Promise<void> {
    parsePolicy(document, { kind: 'identity' });
    await this.#store.transaction(async (trx) => {
      const owner = await lockOwner(this.#store, accountId, type, ownerName);
      const others = await trx
        .selectFrom('iam_inline_policies')
        .select(['policy_name', 'document'])
        .where('account_id', '=', accountId)
        .where('owner_type', '=', type)
        .where('owner_name', '=', owner.name)
        .execute();
      const limit = INLINE_POLICY_LIMITS[type];
      const total = others.filter((p) => p.policy_name !== policyName).reduce((n, p) => n + iamPolicySize(p.document), iamPolicySize(document));
      if (total > limit) throw new AwsError('LimitExceeded', `Maximum policy size of ${limit} bytes exceeded for ${type} ${owner.name}`, 409);
      const now = Date.now();
      await trx
        .insertInto('iam_inline_policies')
        .values({ account_id: accountId, owner_type: type, owner_name: owner.name, policy_name: policyName, document, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['account_id', 'owner_type', 'owner_name', 'policy_name']).doUpdateSet({ document, updated_at: now }))
        .execute();
      publishIamChange(this.#store, accountId);
    });
  }

  /** Get*Policy: NoSuchEntity for an unknown owner or policy. */
  async get(accountId: string, type: IamOwnerType, ownerName: string, policyName: string): Promise<InlinePolicy> {
    const owner = await lockOwner(this.#store, accountId, type, ownerName);
    const row = await this.#store
      .current()
      .selectFrom('iam_inline_policies')
      .select(['policy_name', 'document'])
      .where('account_id', '=', accountId)
      .where('owner_type', '=', type)
      .where('owner_name', '=', owner.name)
      .where('policy_name', '=', policyName)
      .executeTakeFirst();
    if (!row) throw noSuchInlinePolicy(type, policyName);
    return { owner, policyName: row.policy_name, document: row.document };
  }

  /** List*Policies: the names, sorted. */
  async listNames(accountId: string, type: IamOwnerType, ownerName: string): Promise<string[]> {
    const owner = await lockOwner(this.#store, accountId, type, ownerName);
    return (await this.listFor(accountId, owner)).map((p) => p.policyName);
  }

  /** Every inline policy of an entity known to exist (no lock), sorted by name. */
  async listFor(accountId: string, owner: PolicyOwner): Promise<InlinePolicy[]> {
    const rows = await this.#store
      .current()
      .selectFrom('iam_inline_policies')
      .select(['policy_name', 'document'])
      .where('account_id', '=', accountId)
      .where('owner_type', '=', owner.type)
      .where('owner_name', '=', owner.name)
      .orderBy('policy_name')
      .execute();
    return rows.map((r) => ({ owner, policyName: r.policy_name, document: r.document }));
  }

  /** Delete*Policy: NoSuchEntity for an unknown owner or policy. */
  async delete(accountId: string, type: IamOwnerType, ownerName: string, policyName: string): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const owner = await lockOwner(this.#store, accountId, type, ownerName);
      const result = await trx
        .deleteFrom('iam_inline_policies')
        .where('account_id', '=', accountId)
        .where('owner_type', '=', type)
        .where('owner_name', '=', owner.name)
        .where('policy_name', '=', policyName)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw noSuchInlinePolicy(type, policyName);
      publishIamChange(this.#store, accountId);
    });
  }
}

export function noSuchInlinePolicy(type: IamOwnerType, policyName: string): AwsError {
  return new AwsError('NoSuchEntity', `The ${type} policy with name ${policyName} cannot be found.`, 404);
}
