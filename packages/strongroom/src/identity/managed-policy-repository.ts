/**
 * Managed policies: customer managed ones (iam_managed_policies, up to five
 * versions each, one of them the default) and AWS managed ones (in code,
 * aws-managed-policies.ts), plus their attachments to users, groups and
 * roles. Documents are validated as identity policies before they are
 * stored; every write publishes an IAM change.
 */
import { AwsError } from '../errors/aws-error.ts';
import { iamPolicySize, parsePolicy, POLICY_SIZE_LIMITS } from '../iam/policy/index.ts';
import { UniqueViolationError } from '../storage/errors.ts';
import type { Store } from '../storage/store.ts';
import type { IamManagedPoliciesTable, IamOwnerType } from '../storage/types.ts';
import { AWS_MANAGED_POLICIES, awsManagedPolicy, isAwsManagedPolicyArn, type AwsManagedPolicy } from './aws-managed-policies.ts';
import { publishIamChange } from './iam-changes.ts';
import { newPolicyId, parseIamArn, policyArn } from './ids.ts';
import { lockOwner, type PolicyOwner } from './policy-owners.ts';

export const MAX_POLICY_VERSIONS = 5;
export const MANAGED_POLICIES_PER_ENTITY = 10;
export const CUSTOMER_POLICIES_PER_ACCOUNT = 1500;

export interface ManagedPolicy {
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description?: string;
  defaultVersionId: string;
  createdAt: number;
  updatedAt: number;
  awsManaged: boolean;
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
}

export interface ManagedPolicyVersion {
  versionId: string;
  document: string;
  isDefault: boolean;
  createdAt: number;
}

export interface AttachedPolicyRef {
  policyName: string;
  policyArn: string;
}

export interface ListPoliciesOptions {
  /** Default All. */
  scope?: 'All' | 'AWS' | 'Local';
  onlyAttached?: boolean;
  pathPrefix?: string;
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary';
}

export function noSuchPolicy(arn: string): AwsError {
  return new AwsError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
}

function notAttachable(arn: string): AwsError {
  return new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
}

/** InvalidInput (400) unless `arn` is a policy ARN. */
export function checkPolicyArn(arn: string): void {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== 'policy') throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`, 400);
}

/** MalformedPolicyDocument or LimitExceeded, as CreatePolicy and CreatePolicyVersion check a document. */
export function validateManagedPolicyDocument(document: string): void {
  if (iamPolicySize(document) > POLICY_SIZE_LIMITS.managedPolicy) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for PolicySize: ${POLICY_SIZE_LIMITS.managedPolicy}`, 409);
  }
  parsePolicy(document, { kind: 'identity' });
}

export class ManagedPolicyRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async createPolicy(accountId: string, input: { policyName: string; path?: string; document: string; description?: string }): Promise<ManagedPolicy> {
    validateManagedPolicyDocument(input.document);
    const path = input.path ?? '/';
    return this.#store.transaction(async (trx) => {
      const { n } = await trx
        .selectFrom('iam_managed_policies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= CUSTOMER_POLICIES_PER_ACCOUNT) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for PoliciesPerAccount: ${CUSTOMER_POLICIES_PER_ACCOUNT}`, 409);
      }
      const exists = await trx
        .selectFrom('iam_managed_policies')
        .select('policy_name')
        .where('account_id', '=', accountId)
        .where((eb) => eb(eb.fn('lower', ['policy_name']), '=', input.policyName.toLowerCase()))
        .executeTakeFirst();
      if (exists) throw policyExists(input.policyName);
      const now = Date.now();
      const row: IamManagedPoliciesTable = {
        account_id: accountId,
        policy_name: input.policyName,
        policy_id: newPolicyId(),
        path,
        arn: policyArn(accountId, path, input.policyName),
        description: input.description ?? null,
        default_version_id: 'v1',
        next_version: 2,
        created_at: now,
        updated_at: now,
      };
      try {
        await trx.insertInto('iam_managed_policies').values(row).execute();
      } catch (error) {
        if (error instanceof UniqueViolationError) throw policyExists(input.policyName);
        throw error;
      }
      await trx.insertInto('iam_policy_versions').values({ account_id: accountId, policy_name: row.policy_name, version_id: 'v1', document: input.document, created_at: now }).execute();
      publishIamChange(this.#store, accountId);
      return customerPolicy(row, 0, 0);
    });
  }

  /** GetPolicy: NoSuchEntity when no such policy is visible from the account. */
  async getPolicy(accountId: string, arn: string): Promise<ManagedPolicy> {
    checkPolicyArn(arn);
    const aws = awsManagedPolicy(arn);
    if (aws) return awsPolicy(aws, await this.#attachmentCount(accountId, arn), await this.#boundaryCount(accountId, arn));
    const row = await this.#row(accountId, arn);
    if (!row) throw noSuchPolicy(arn);
    return customerPolicy(row, await this.#attachmentCount(accountId, arn), await this.#boundaryCount(accountId, arn));
  }

  /** Whether a policy with this ARN can be attached (or used as a boundary) in the account. */
  async exists(accountId: string, arn: string): Promise<boolean> {
    return awsManagedPolicy(arn) !== undefined || (await this.#row(accountId, arn)) !== undefined;
  }

  async getPolicyVersion(accountId: string, arn: string, versionId: string): Promise<ManagedPolicyVersion> {
    checkPolicyArn(arn);
    const missing = () => new AwsError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`, 404);
    const aws = awsManagedPolicy(arn);
    if (aws) {
      if (versionId !== aws.defaultVersionId) throw missing();
      return { versionId, document: aws.document, isDefault: true, createdAt: aws.updatedAt };
    }
    const row = await this.#row(accountId, arn);
    if (!row) throw missing();
    const version = await this.#store
      .current()
      .selectFrom('iam_policy_versions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('policy_name', '=', row.policy_name)
      .where('version_id', '=', versionId)
      .executeTakeFirst();
    if (!version) throw missing();
    return { versionId, document: version.document, isDefault: versionId === row.default_version_id, createdAt: Number(version.created_at) };
  }

  async listPolicyVersions(accountId: string, arn: string): Promise<ManagedPolicyVersion[]> {
    checkPolicyArn(arn);
    const aws = awsManagedPolicy(arn);
    if (aws) return [{ versionId: aws.defaultVersionId, document: aws.document, isDefault: true, createdAt: aws.updatedAt }];
    const row = await this.#row(accountId, arn);
    if (!row) throw noSuchPolicy(arn);
    const versions = await this.#store
      .current()
      .selectFrom('iam_policy_versions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('policy_name', '=', row.policy_name)
      .execute();
    // Newest first, as AWS lists them.
    return versions
      .map((v) => ({ versionId: v.version_id, document: v.document, isDefault: v.version_id === row.default_version_id, createdAt: Number(v.created_at) }))
      .sort((a, b) => versionNumber(b.versionId) - versionNumber(a.versionId));
  }

  /** CreatePolicyVersion: at most five versions; SetAsDefault makes it the default. */
  async createPolicyVersion(accountId: string, arn: string, document: string, setAsDefault: boolean): Promise<ManagedPolicyVersion> {
    checkPolicyArn(arn);
    validateManagedPolicyDocument(document);
    return this.#store.transaction(async (trx) => {
      const row = await this.#lockCustomer(accountId, arn);
      const { n } = await trx
        .selectFrom('iam_policy_versions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('policy_name', '=', row.policy_name)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_POLICY_VERSIONS) {
        throw new AwsError(
          'LimitExceeded',
          `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
          409,
        );
      }
      const versionId = `v${row.next_version}`;
      const now = Date.now();
      await trx.insertInto('iam_policy_versions').values({ account_id: accountId, policy_name: row.policy_name, version_id: versionId, document, created_at: now }).execute();
      await trx
        .updateTable('iam_managed_policies')
        .set({ next_version: row.next_version + 1, updated_at: now, ...(setAsDefault ? { default_version_id: versionId } : {}) })
        .where('account_id', '=', accountId)
        .where('policy_name', '=', row.policy_name)
        .execute();
      publishIamChange(this.#store, accountId);
      return { versionId, document, isDefault: setAsDefault, createdAt: now };
    });
  }

  async setDefaultPolicyVersion(accountId: string, arn: string, versionId: string): Promise<void> {
    checkPolicyArn(arn);
    await this.#store.transaction(async (trx) => {
      const row = await this.#lockCustomer(accountId, arn);
      await this.#requireVersion(row, versionId);
      await trx.updateTable('iam_managed_policies').set({ default_version_id: versionId }).where('account_id', '=', accountId).where('policy_name', '=', row.policy_name).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  /** DeleteConflict for the default version. */
  async deletePolicyVersion(accountId: string, arn: string, versionId: string): Promise<void> {
    checkPolicyArn(arn);
    await this.#store.transaction(async (trx) => {
      const row = await this.#lockCustomer(accountId, arn);
      await this.#requireVersion(row, versionId);
      if (versionId === row.default_version_id) throw new AwsError('DeleteConflict', 'Cannot delete the default version of a policy.', 409);
      await trx.deleteFrom('iam_policy_versions').where('account_id', '=', accountId).where('policy_name', '=', row.policy_name).where('version_id', '=', versionId).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  /** DeleteConflict while attached, used as a boundary, or with versions besides the default. */
  async deletePolicy(accountId: string, arn: string): Promise<void> {
    checkPolicyArn(arn);
    await this.#store.transaction(async (trx) => {
      const row = await this.#lockCustomer(accountId, arn);
      if ((await this.#attachmentCount(accountId, arn)) > 0 || (await this.#boundaryCount(accountId, arn)) > 0) {
        throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
      }
      const versions = await trx.selectFrom('iam_policy_versions').select('version_id').where('account_id', '=', accountId).where('policy_name', '=', row.policy_name).execute();
      if (versions.length > 1) {
        throw new AwsError(
          'DeleteConflict',
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
          409,
        );
      }
      await trx.deleteFrom('iam_policy_versions').where('account_id', '=', accountId).where('policy_name', '=', row.policy_name).execute();
      await trx.deleteFrom('iam_managed_policies').where('account_id', '=', accountId).where('policy_name', '=', row.policy_name).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  /** ListPolicies: AWS managed and/or the account's own, ordered by name (case-insensitively). */
  async listPolicies(accountId: string, options: ListPoliciesOptions = {}): Promise<ManagedPolicy[]> {
    const scope = options.scope ?? 'All';
    const [attachments, boundaries] = await Promise.all([this.#attachmentCounts(accountId), this.#boundaryCounts(accountId)]);
    const policies: ManagedPolicy[] = [];
    if (scope !== 'Local') {
      for (const p of AWS_MANAGED_POLICIES) policies.push(awsPolicy(p, attachments.get(p.arn) ?? 0, boundaries.get(p.arn) ?? 0));
    }
    if (scope !== 'AWS') {
      const rows = await this.#store.current().selectFrom('iam_managed_policies').selectAll().where('account_id', '=', accountId).execute();
      for (const row of rows) policies.push(customerPolicy(row, attachments.get(row.arn) ?? 0, boundaries.get(row.arn) ?? 0));
    }
    const prefix = options.pathPrefix;
    return policies
      .filter((p) => !prefix || p.path.startsWith(prefix))
      .filter((p) => !options.onlyAttached || p.attachmentCount > 0)
      .filter((p) => options.policyUsageFilter !== 'PermissionsPolicy' || p.attachmentCount > 0)
      .filter((p) => options.policyUsageFilter !== 'PermissionsBoundary' || p.permissionsBoundaryUsageCount > 0)
      .sort((a, b) => compareNames(a.policyName, b.policyName) || a.arn.localeCompare(b.arn));
  }

  /** Attach*Policy: idempotent. NoSuchEntity for an unknown owner or policy; LimitExceeded past 10 policies. */
  async attach(accountId: string, type: IamOwnerType, ownerName: string, arn: string): Promise<void> {
    checkPolicyArn(arn);
    await this.#store.transaction(async (trx) => {
      const owner = await lockOwner(this.#store, accountId, type, ownerName);
      if (!(await this.exists(accountId, arn)) || (!isAwsManagedPolicyArn(arn) && parseIamArn(arn)?.accountId !== accountId)) throw notAttachable(arn);
      const attached = await this.attachedTo(accountId, owner);
      if (attached.includes(arn)) return;
      if (attached.length >= MANAGED_POLICIES_PER_ENTITY) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for PoliciesPer${capitalize(type)}: ${MANAGED_POLICIES_PER_ENTITY}`, 409);
      }
      await trx.insertInto('iam_policy_attachments').values({ account_id: accountId, owner_type: type, owner_name: owner.name, policy_arn: arn, attached_at: Date.now() }).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  /** Detach*Policy: NoSuchEntity for an unknown owner, or a policy not attached to it. */
  async detach(accountId: string, type: IamOwnerType, ownerName: string, arn: string): Promise<void> {
    checkPolicyArn(arn);
    await this.#store.transaction(async (trx) => {
      const owner = await lockOwner(this.#store, accountId, type, ownerName);
      const result = await trx
        .deleteFrom('iam_policy_attachments')
        .where('account_id', '=', accountId)
        .where('owner_type', '=', type)
        .where('owner_name', '=', owner.name)
        .where('policy_arn', '=', arn)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw noSuchPolicy(arn);
      publishIamChange(this.#store, accountId);
    });
  }

  /** ListAttached*Policies: name and ARN of each, ordered by name; PathPrefix filters on the policy's path. */
  async listAttached(accountId: string, type: IamOwnerType, ownerName: string, pathPrefix?: string): Promise<AttachedPolicyRef[]> {
    const owner = await lockOwner(this.#store, accountId, type, ownerName);
    const refs: Array<AttachedPolicyRef & { path: string }> = [];
    for (const arn of await this.attachedTo(accountId, owner)) {
      const parsed = parseIamArn(arn);
      if (parsed) refs.push({ policyName: parsed.name, policyArn: arn, path: parsed.path });
    }
    return refs
      .filter((r) => !pathPrefix || r.path.startsWith(pathPrefix))
      .sort((a, b) => compareNames(a.policyName, b.policyName))
      .map(({ policyName, policyArn }) => ({ policyName, policyArn }));
  }

  /** The ARNs attached to an entity known to exist, in attachment order. */
  async attachedTo(accountId: string, owner: PolicyOwner): Promise<string[]> {
    const rows = await this.#store
      .current()
      .selectFrom('iam_policy_attachments')
      .select('policy_arn')
      .where('account_id', '=', accountId)
      .where('owner_type', '=', owner.type)
      .where('owner_name', '=', owner.name)
      .orderBy('attached_at')
      .orderBy('policy_arn')
      .execute();
    return rows.map((r) => r.policy_arn);
  }

  /** The default version's document of each ARN that names an existing policy (AWS managed or the account's). */
  async defaultDocuments(accountId: string, arns: readonly string[]): Promise<Map<string, string>> {
    const documents = new Map<string, string>();
    const customer: string[] = [];
    for (const arn of arns) {
      const aws = awsManagedPolicy(arn);
      if (aws) documents.set(arn, aws.document);
      else customer.push(arn);
    }
    if (customer.length > 0) {
      const rows = await this.#store
        .current()
        .selectFrom('iam_managed_policies as p')
        .innerJoin('iam_policy_versions as v', (join) =>
          join.onRef('v.account_id', '=', 'p.account_id').onRef('v.policy_name', '=', 'p.policy_name').onRef('v.version_id', '=', 'p.default_version_id'),
        )
        .select(['p.arn', 'v.document'])
        .where('p.account_id', '=', accountId)
        .where('p.arn', 'in', customer)
        .execute();
      for (const row of rows) documents.set(row.arn, row.document);
    }
    return documents;
  }

  async #row(accountId: string, arn: string): Promise<IamManagedPoliciesTable | undefined> {
    if (parseIamArn(arn)?.accountId !== accountId) return undefined;
    return this.#store.current().selectFrom('iam_managed_policies').selectAll().where('account_id', '=', accountId).where('arn', '=', arn).executeTakeFirst();
  }

  async #lockCustomer(accountId: string, arn: string): Promise<IamManagedPoliciesTable> {
    if (parseIamArn(arn)?.accountId !== accountId) throw noSuchPolicy(arn);
    const row = await this.#store
      .forUpdate(this.#store.current().selectFrom('iam_managed_policies').selectAll().where('account_id', '=', accountId).where('arn', '=', arn))
      .executeTakeFirst();
    if (!row) throw noSuchPolicy(arn);
    return row;
  }

  async #requireVersion(row: IamManagedPoliciesTable, versionId: string): Promise<void> {
    const version = await this.#store
      .current()
      .selectFrom('iam_policy_versions')
      .select('version_id')
      .where('account_id', '=', row.account_id)
      .where('policy_name', '=', row.policy_name)
      .where('version_id', '=', versionId)
      .executeTakeFirst();
    if (!version) throw new AwsError('NoSuchEntity', `Policy ${row.arn} version ${versionId} does not exist or is not attachable.`, 404);
  }

  async #attachmentCount(accountId: string, arn: string): Promise<number> {
    const { n } = await this.#store
      .current()
      .selectFrom('iam_policy_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('policy_arn', '=', arn)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async #boundaryCount(accountId: string, arn: string): Promise<number> {
    return (await this.#boundaryCounts(accountId)).get(arn) ?? 0;
  }

  async #attachmentCounts(accountId: string): Promise<Map<string, number>> {
    const rows = await this.#store
      .current()
      .selectFrom('iam_policy_attachments')
      .select(['policy_arn', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId)
      .groupBy('policy_arn')
      .execute();
    return new Map(rows.map((r) => [r.policy_arn, Number(r.n)]));
  }

  async #boundaryCounts(accountId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const table of ['iam_users', 'iam_roles'] as const) {
      const rows = await this.#store
        .current()
        .selectFrom(table)
        .select(['permissions_boundary_arn as arn', (eb) => eb.fn.countAll<number>().as('n')])
        .where('account_id', '=', accountId)
        .where('permissions_boundary_arn', 'is not', null)
        .groupBy('permissions_boundary_arn')
        .execute();
      for (const r of rows) if (r.arn) counts.set(r.arn, (counts.get(r.arn) ?? 0) + Number(r.n));
    }
    return counts;
  }
}

function policyExists(policyName: string): AwsError {
  return new AwsError('EntityAlreadyExists', `A policy called ${policyName} already exists. Duplicate names are not allowed.`, 409);
}

function customerPolicy(row: IamManagedPoliciesTable, attachmentCount: number, permissionsBoundaryUsageCount: number): ManagedPolicy {
  const policy: ManagedPolicy = {
    policyName: row.policy_name,
    policyId: row.policy_id,
    path: row.path,
    arn: row.arn,
    defaultVersionId: row.default_version_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    awsManaged: false,
    attachmentCount,
    permissionsBoundaryUsageCount,
  };
  if (row.description !== null) policy.description = row.description;
  return policy;
}

function awsPolicy(p: AwsManagedPolicy, attachmentCount: number, permissionsBoundaryUsageCount: number): ManagedPolicy {
  return {
    policyName: p.policyName,
    policyId: p.policyId,
    path: p.path,
    arn: p.arn,
    description: p.description,
    defaultVersionId: p.defaultVersionId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    awsManaged: true,
    attachmentCount,
    permissionsBoundaryUsageCount,
  };
}

function versionNumber(versionId: string): number {
  return Number(versionId.slice(1)) || 0;
}

function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function capitalize(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
