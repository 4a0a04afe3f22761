/**
 * IAM roles: trust policy, maximum session duration, description, tags and
 * permissions boundary. STS reads roles through `getRoleByArn`; the IAM
 * operations create, list, update and delete them. Every method composes
 * into a caller's `store.transaction()`; writes publish an IAM change.
 */
import { AwsError } from '../errors/aws-error.ts';
import { iamPolicySize, parsePolicy, POLICY_SIZE_LIMITS } from '../iam/policy/index.ts';
import { UniqueViolationError } from '../storage/errors.ts';
import type { Store } from '../storage/store.ts';
import type { IamRolesTable } from '../storage/types.ts';
import { publishIamChange } from './iam-changes.ts';
import { listTags, putTags, removeTags, ROLE_TAGS, type IamTag } from './iam-tags.ts';
import { newRoleId, parseIamArn, roleArn } from './ids.ts';
import { pathStartsWith } from './path-prefix.ts';

export const DEFAULT_MAX_SESSION_DURATION = 3600;
export const MIN_MAX_SESSION_DURATION = 3600;
export const MAX_MAX_SESSION_DURATION = 43200;

export interface IamRole {
  accountId: string;
  roleName: string;
  /** AROA + 17 characters. */
  roleId: string;
  path: string;
  arn: string;
  /** The trust policy as given (JSON text, not URL-encoded). */
  assumeRolePolicyDocument: string;
  /** Seconds, 3600–43200. */
  maxSessionDuration: number;
  description?: string;
  permissionsBoundaryArn?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  tags: IamTag[];
}

export interface CreateRoleInput {
  roleName: string;
  /** Default "/". */
  path?: string;
  assumeRolePolicyDocument: string;
  description?: string;
  /** Default 3600. */
  maxSessionDuration?: number;
  permissionsBoundaryArn?: string;
  tags?: readonly IamTag[];
}

export interface ListRolesOptions {
  pathPrefix?: string;
  /** Exclusive: roles whose lower-cased name sorts after this one. */
  after?: string;
  /** Default: all. */
  limit?: number;
  /** Load each role's tags (one query per role); without it `tags` is empty, as ListRoles returns none. */
  withTags?: boolean;
}

export function noSuchRole(roleName: string): AwsError {
  return new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
}

/** Validates a trust policy as IAM does before storing it: MalformedPolicyDocument (400) or LimitExceeded (409). */
export function validateTrustPolicy(document: string): void {
  if (iamPolicySize(document) > POLICY_SIZE_LIMITS.roleTrustPolicy) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${POLICY_SIZE_LIMITS.roleTrustPolicy}`, 409);
  }
  parsePolicy(document, { kind: 'trust' });
}

export class RoleRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Throws EntityAlreadyExists (409), MalformedPolicyDocument (400), LimitExceeded (409). The account must exist. */
  async createRole(accountId: string, input: CreateRoleInput): Promise<IamRole> {
    const path = input.path ?? '/';
    const maxSessionDuration = input.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION;
    checkMaxSessionDuration(maxSessionDuration);
    validateTrustPolicy(input.assumeRolePolicyDocument);
    return this.#store.transaction(async (trx) => {
      if (await this.#row(accountId, input.roleName)) throw roleExists(input.roleName);
      const row: IamRolesTable = {
        account_id: accountId,
        role_name: input.roleName,
        role_id: newRoleId(),
        path,
        arn: roleArn(accountId, path, input.roleName),
        assume_role_policy: input.assumeRolePolicyDocument,
        description: input.description ?? null,
        max_session_duration: maxSessionDuration,
        permissions_boundary_arn: input.permissionsBoundaryArn ?? null,
        created_at: Date.now(),
      };
      try {
        await trx.insertInto('iam_roles').values(row).execute();
      } catch (error) {
        if (error instanceof UniqueViolationError) throw roleExists(input.roleName);
        throw error;
      }
      await putTags(this.#store, ROLE_TAGS, accountId, row.role_name, input.tags ?? []);
      publishIamChange(this.#store, accountId);
      return toRole(row, await listTags(this.#store, ROLE_TAGS, accountId, row.role_name));
    });
  }

  /** Names match regardless of case, as in IAM. */
  async getRole(accountId: string, roleName: string): Promise<IamRole | undefined> {
    const row = await this.#row(accountId, roleName);
    return row && toRole(row, await listTags(this.#store, ROLE_TAGS, accountId, row.role_name));
  }

  /** Throws NoSuchEntity (404) with IAM's message. */
  async requireRole(accountId: string, roleName: string): Promise<IamRole> {
    const role = await this.getRole(accountId, roleName);
    if (!role) throw noSuchRole(roleName);
    return role;
  }

  /**
   * The role an ARN names (arn:aws:iam::<account>:role/<path><name>), or
   * undefined. The path must be the role's path: an ARN with another path
   * names no role.
   */
  async getRoleByArn(arn: string): Promise<IamRole | undefined> {
    const parsed = parseIamArn(arn);
    if (!parsed || parsed.type !== 'role' || parsed.accountId === 'aws') return undefined;
    const role = await this.getRole(parsed.accountId, parsed.name);
    return role && role.path === parsed.path && role.roleName === parsed.name ? role : undefined;
  }

  /** Roles ordered by name (case-insensitively), filtered by path prefix; tags only with `withTags`. */
  async listRoles(accountId: string, options: ListRolesOptions = {}): Promise<IamRole[]> {
    let query = this.#store.current().selectFrom('iam_roles').selectAll().where('account_id', '=', accountId);
    if (options.pathPrefix && options.pathPrefix !== '/') query = query.where(pathStartsWith('path', options.pathPrefix));
    if (options.after !== undefined) query = query.where((eb) => eb(eb.fn('lower', ['role_name']), '>', options.after!.toLowerCase()));
    query = query.orderBy((eb) => eb.fn('lower', ['role_name']));
    if (options.limit !== undefined) query = query.limit(options.limit);
    const rows = await query.execute();
    if (!options.withTags) return rows.map((row) => toRole(row, []));
    const roles: IamRole[] = [];
    for (const row of rows) roles.push(toRole(row, await listTags(this.#store, ROLE_TAGS, accountId, row.role_name)));
    return roles;
  }

  /** Throws NoSuchEntity, MalformedPolicyDocument, LimitExceeded. */
  async updateAssumeRolePolicy(accountId: string, roleName: string, document: string): Promise<void> {
    await this.#update(accountId, roleName, { assume_role_policy: document }, () => validateTrustPolicy(document));
  }

  /** UpdateRole: description and/or maximum session duration. */
  async updateRole(accountId: string, roleName: string, changes: { description?: string; maxSessionDuration?: number }): Promise<void> {
    const set: Partial<IamRolesTable> = {};
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.maxSessionDuration !== undefined) {
      checkMaxSessionDuration(changes.maxSessionDuration);
      set.max_session_duration = changes.maxSessionDuration;
    }
    await this.#update(accountId, roleName, set);
  }

  async setPermissionsBoundary(accountId: string, roleName: string, policyArn: string | null): Promise<void> {
    await this.#update(accountId, roleName, { permissions_boundary_arn: policyArn });
  }

  async tagRole(accountId: string, roleName: string, tags: readonly IamTag[]): Promise<void> {
    await this.#store.transaction(async () => {
      const role = await this.requireRole(accountId, roleName);
      await putTags(this.#store, ROLE_TAGS, accountId, role.roleName, tags);
      publishIamChange(this.#store, accountId);
    });
  }

  async untagRole(accountId: string, roleName: string, tagKeys: readonly string[]): Promise<void> {
    await this.#store.transaction(async () => {
      const role = await this.requireRole(accountId, roleName);
      await removeTags(this.#store, ROLE_TAGS, accountId, role.roleName, tagKeys);
      publishIamChange(this.#store, accountId);
    });
  }

  /**
   * Deletes the role and its tags. DeleteConflict (409) while it still has
   * inline or attached policies, as AWS refuses.
   */
  async deleteRole(accountId: string, roleName: string): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const row = await this.#store.forUpdate(this.#query(accountId, roleName)).executeTakeFirst();
      if (!row) throw noSuchRole(roleName);
      const owner = (qb: any) => qb.where('account_id', '=', accountId).where('owner_type', '=', 'role').where('owner_name', '=', row.role_name);
      if (await owner(trx.selectFrom('iam_inline_policies').select('policy_name')).limit(1).executeTakeFirst()) {
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      }
      if (await owner(trx.selectFrom('iam_policy_attachments').select('policy_arn')).limit(1).executeTakeFirst()) {
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      }
      await trx.deleteFrom('iam_role_tags').where('account_id', '=', accountId).where('role_name', '=', row.role_name).execute();
      await trx.deleteFrom('iam_roles').where('account_id', '=', accountId).where('role_name', '=', row.role_name).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  async #update(accountId: string, roleName: string, set: Partial<IamRolesTable>, validate?: () => void): Promise<void> {
    validate?.();
    await this.#store.transaction(async (trx) => {
      const row = await this.#row(accountId, roleName);
      if (!row) throw noSuchRole(roleName);
      if (Object.keys(set).length > 0) {
        await trx.updateTable('iam_roles').set(set).where('account_id', '=', accountId).where('role_name', '=', row.role_name).execute();
      }
      publishIamChange(this.#store, accountId);
    });
  }

  #query(accountId: string, roleName: string) {
    return this.#store
      .current()
      .selectFrom('iam_roles')
      .selectAll()
      .where('account_id', '=', accountId)
      .where((eb) => eb(eb.fn('lower', ['role_name']), '=', roleName.toLowerCase()));
  }

  #row(accountId: string, roleName: string): Promise<IamRolesTable | undefined> {
    return this.#query(accountId, roleName).executeTakeFirst();
  }
}

function checkMaxSessionDuration(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < MIN_MAX_SESSION_DURATION || seconds > MAX_MAX_SESSION_DURATION) {
    throw new AwsError(
      'ValidationError',
      `The requested MaxSessionDuration of ${seconds} is not between ${MIN_MAX_SESSION_DURATION} and ${MAX_MAX_SESSION_DURATION} seconds.`,
      400,
    );
  }
}

function roleExists(roleName: string): AwsError {
  return new AwsError('EntityAlreadyExists', `Role with name ${roleName} already exists.`, 409);
}

function toRole(row: IamRolesTable, tags: IamTag[]): IamRole {
  const role: IamRole = {
    accountId: row.account_id,
    roleName: row.role_name,
    roleId: row.role_id,
    path: row.path,
    arn: row.arn,
    assumeRolePolicyDocument: row.assume_role_policy,
    maxSessionDuration: row.max_session_duration,
    createdAt: Number(row.created_at),
    tags,
  };
  if (row.description !== null) role.description = row.description;
  if (row.permissions_boundary_arn !== null) role.permissionsBoundaryArn = row.permissions_boundary_arn;
  return role;
}
