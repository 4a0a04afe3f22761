/**
 * IAM groups and their members. A user belongs to at most 10 groups (IAM's
 * GroupsPerUser quota). Composes into a caller's transaction; every write
 * publishes an IAM change (membership changes what a user may do).
 */
import { AwsError } from '../errors/aws-error.ts';
import { UniqueViolationError } from '../storage/errors.ts';
import type { Store } from '../storage/store.ts';
import type { IamGroupsTable, IamUsersTable } from '../storage/types.ts';
import { publishIamChange } from './iam-changes.ts';
import { toUser, type IamUser } from './identity-repository.ts';
import { groupArn, newGroupId } from './ids.ts';
import { pathStartsWith } from './path-prefix.ts';
import { lockUserRow, type ListOptions } from './user-repository.ts';

export const GROUPS_PER_USER = 10;

export interface IamGroup {
  accountId: string;
  groupName: string;
  /** AGPA + 17 characters. */
  groupId: string;
  path: string;
  arn: string;
  createdAt: number;
}

export function noSuchGroup(groupName: string): AwsError {
  return new AwsError('NoSuchEntity', `The group with name ${groupName} cannot be found.`, 404);
}

export class GroupRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async createGroup(accountId: string, groupName: string, path = '/'): Promise<IamGroup> {
    return this.#store.transaction(async (trx) => {
      if (await this.getGroup(accountId, groupName)) throw groupExists(groupName);
      const row: IamGroupsTable = {
        account_id: accountId,
        group_name: groupName,
        group_id: newGroupId(),
        path,
        arn: groupArn(accountId, path, groupName),
        created_at: Date.now(),
      };
      try {
        await trx.insertInto('iam_groups').values(row).execute();
      } catch (error) {
        if (error instanceof UniqueViolationError) throw groupExists(groupName);
        throw error;
      }
      publishIamChange(this.#store, accountId);
      return toGroup(row);
    });
  }

  async getGroup(accountId: string, groupName: string): Promise<IamGroup | undefined> {
    const row = await this.#query(accountId, groupName).executeTakeFirst();
    return row && toGroup(row);
  }

  async requireGroup(accountId: string, groupName: string): Promise<IamGroup> {
    const group = await this.getGroup(accountId, groupName);
    if (!group) throw noSuchGroup(groupName);
    return group;
  }

  async listGroups(accountId: string, options: ListOptions = {}): Promise<IamGroup[]> {
    let query = this.#store.current().selectFrom('iam_groups').selectAll().where('account_id', '=', accountId);
    if (options.pathPrefix && options.pathPrefix !== '/') query = query.where(pathStartsWith('path', options.pathPrefix));
    if (options.after !== undefined) query = query.where((eb) => eb(eb.fn('lower', ['group_name']), '>', options.after!.toLowerCase()));
    query = query.orderBy((eb) => eb.fn('lower', ['group_name']));
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.execute()).map(toGroup);
  }

  /** The group's members ordered by name (case-insensitively). */
  async listMembers(accountId: string, groupName: string, options: Pick<ListOptions, 'after' | 'limit'> = {}): Promise<IamUser[]> {
    let query = this.#store
      .current()
      .selectFrom('iam_group_members as m')
      .innerJoin('iam_users as u', (join) => join.onRef('u.account_id', '=', 'm.account_id').onRef('u.user_name', '=', 'm.user_name'))
      .selectAll('u')
      .where('m.account_id', '=', accountId)
      .where('m.group_name', '=', groupName);
    if (options.after !== undefined) query = query.where((eb) => eb(eb.fn('lower', ['u.user_name']), '>', options.after!.toLowerCase()));
    query = query.orderBy((eb) => eb.fn('lower', ['u.user_name']));
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.execute()).map((row) => toUser(row as IamUsersTable));
  }

  /** The groups a user belongs to, ordered by name. */
  async groupsOfUser(accountId: string, userName: string): Promise<IamGroup[]> {
    const rows = await this.#store
      .current()
      .selectFrom('iam_group_members as m')
      .innerJoin('iam_groups as g', (join) => join.onRef('g.account_id', '=', 'm.account_id').onRef('g.group_name', '=', 'm.group_name'))
      .selectAll('g')
      .where('m.account_id', '=', accountId)
      .where('m.user_name', '=', userName)
      .orderBy((eb) => eb.fn('lower', ['g.group_name']))
      .execute();
    return rows.map((row) => toGroup(row as IamGroupsTable));
  }

  /** Idempotent, as in AWS. NoSuchEntity for an unknown group or user; LimitExceeded past 10 groups. */
  async addUserToGroup(accountId: string, groupName: string, userName: string): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const group = await this.#lockGroup(accountId, groupName);
      const user = await this.#lockUser(accountId, userName);
      const existing = await trx
        .selectFrom('iam_group_members')
        .select('group_name')
        .where('account_id', '=', accountId)
        .where('user_name', '=', user.user_name)
        .execute();
      if (existing.some((m) => m.group_name === group.group_name)) return;
      if (existing.length >= GROUPS_PER_USER) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`, 409);
      }
      await trx
        .insertInto('iam_group_members')
        .values({ account_id: accountId, group_name: group.group_name, user_name: user.user_name, added_at: Date.now() })
        .execute();
      publishIamChange(this.#store, accountId);
    });
  }

  /** NoSuchEntity for an unknown group or user, or a user not in the group. */
  async removeUserFromGroup(accountId: string, groupName: string, userName: string): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const group = await this.#lockGroup(accountId, groupName);
      const user = await this.#lockUser(accountId, userName);
      const result = await trx
        .deleteFrom('iam_group_members')
        .where('account_id', '=', accountId)
        .where('group_name', '=', group.group_name)
        .where('user_name', '=', user.user_name)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) {
        throw new AwsError('NoSuchEntity', `User ${user.user_name} is not in group ${group.group_name}.`, 404);
      }
      publishIamChange(this.#store, accountId);
    });
  }

  /** DeleteConflict while the group has members, inline or attached policies. */
  async deleteGroup(accountId: string, groupName: string): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const group = await this.#lockGroup(accountId, groupName);
      const name = group.group_name;
      const any = async (qb: { limit(n: number): { executeTakeFirst(): Promise<unknown> } }) => (await qb.limit(1).executeTakeFirst()) !== undefined;
      if (await any(trx.selectFrom('iam_group_members').select('user_name').where('account_id', '=', accountId).where('group_name', '=', name))) {
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove users from group first.', 409);
      }
      const owned = (table: 'iam_policy_attachments' | 'iam_inline_policies') =>
        trx.selectFrom(table).select('owner_name').where('account_id', '=', accountId).where('owner_type', '=', 'group').where('owner_name', '=', name);
      if (await any(owned('iam_policy_attachments'))) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      if (await any(owned('iam_inline_policies'))) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      await trx.deleteFrom('iam_groups').where('account_id', '=', accountId).where('group_name', '=', name).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  #query(accountId: string, groupName: string) {
    return this.#store
      .current()
      .selectFrom('iam_groups')
      .selectAll()
      .where('account_id', '=', accountId)
      .where((eb) => eb(eb.fn('lower', ['group_name']), '=', groupName.toLowerCase()));
  }

  async #lockGroup(accountId: string, groupName: string): Promise<IamGroupsTable> {
    const row = await this.#store.forUpdate(this.#query(accountId, groupName)).executeTakeFirst();
    if (!row) throw noSuchGroup(groupName);
    return row;
  }

  #lockUser(accountId: string, userName: string): Promise<IamUsersTable> {
    return lockUserRow(this.#store, accountId, userName);
  }
}

function groupExists(groupName: string): AwsError {
  return new AwsError('EntityAlreadyExists', `Group with name ${groupName} already exists.`, 409);
}

function toGroup(row: IamGroupsTable): IamGroup {
  return { accountId: row.account_id, groupName: row.group_name, groupId: row.group_id, path: row.path, arn: row.arn, createdAt: Number(row.created_at) };
}
