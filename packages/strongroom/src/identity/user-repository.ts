/**
 * IAM user administration beyond what authentication needs (which lives in
 * IdentityRepository): listing, deletion with AWS's DeleteConflict rules,
 * tags and permissions boundaries. Composes into a caller's transaction;
 * every write publishes an IAM change, and changes that alter what a key
 * authenticates as (tags, deletion) invalidate the user's keys everywhere.
 */
import { AwsError } from '../errors/aws-error.ts';
import type { Store } from '../storage/store.ts';
import type { IamUsersTable } from '../storage/types.ts';
import { publishIamChange } from './iam-changes.ts';
import { listTags, putTags, removeTags, USER_TAGS, type IamTag } from './iam-tags.ts';
import { noSuchUser, toUser, type IamUser, type IdentityRepository } from './identity-repository.ts';
import { pathStartsWith } from './path-prefix.ts';

export interface IamUserDetails extends IamUser {
  tags: IamTag[];
}

export interface ListOptions {
  pathPrefix?: string;
  /** Exclusive: entries whose lower-cased name sorts after this one. */
  after?: string;
  limit?: number;
}

export class UserRepository {
  readonly #store: Store;
  readonly #identity: IdentityRepository;

  constructor(store: Store, identity: IdentityRepository) {
    this.#store = store;
    this.#identity = identity;
  }

  /** CreateUser: the user, its boundary and tags in one transaction. */
  async createUser(accountId: string, input: { userName: string; path?: string; permissionsBoundaryArn?: string; tags?: readonly IamTag[] }): Promise<IamUserDetails> {
    return this.#store.transaction(async (trx) => {
      const user = await this.#identity.createUser(accountId, input.userName, input.path ?? '/');
      if (input.permissionsBoundaryArn) {
        await trx.updateTable('iam_users').set({ permissions_boundary_arn: input.permissionsBoundaryArn }).where('account_id', '=', accountId).where('user_name', '=', user.userName).execute();
        user.permissionsBoundaryArn = input.permissionsBoundaryArn;
      }
      await putTags(this.#store, USER_TAGS, accountId, user.userName, input.tags ?? []);
      publishIamChange(this.#store, accountId);
      return { ...user, tags: await listTags(this.#store, USER_TAGS, accountId, user.userName) };
    });
  }

  async getUser(accountId: string, userName: string): Promise<IamUserDetails | undefined> {
    const user = await this.#identity.getUser(accountId, userName);
    return user && { ...user, tags: await listTags(this.#store, USER_TAGS, accountId, user.userName) };
  }

  /** Throws NoSuchEntity (404) with IAM's message. */
  async requireUser(accountId: string, userName: string): Promise<IamUserDetails> {
    const user = await this.getUser(accountId, userName);
    if (!user) throw noSuchUser(userName);
    return user;
  }

  /** Users ordered by name (case-insensitively); without tags, as ListUsers returns them. */
  async listUsers(accountId: string, options: ListOptions = {}): Promise<IamUser[]> {
    let query = this.#store.current().selectFrom('iam_users').selectAll().where('account_id', '=', accountId);
    if (options.pathPrefix && options.pathPrefix !== '/') query = query.where(pathStartsWith('path', options.pathPrefix));
    if (options.after !== undefined) query = query.where((eb) => eb(eb.fn('lower', ['user_name']), '>', options.after!.toLowerCase()));
    query = query.orderBy((eb) => eb.fn('lower', ['user_name']));
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.execute()).map(toUser);
  }

  /**
   * Deletes the user and its tags. DeleteConflict (409) while it still has
   * access keys, group memberships, attached or inline policies — the checks
   * in the order AWS reports them.
   */
  async deleteUser(accountId: string, userName: string): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const row = await this.#lock(accountId, userName);
      const name = row.user_name;
      const exists = async (qb: { limit(n: number): { executeTakeFirst(): Promise<unknown> } }) => (await qb.limit(1).executeTakeFirst()) !== undefined;
      if (await exists(trx.selectFrom('access_keys').select('access_key_id').where('account_id', '=', accountId).where('user_name', '=', name))) {
        throw conflict('Cannot delete entity, must delete access keys first.');
      }
      if (await exists(trx.selectFrom('iam_group_members').select('group_name').where('account_id', '=', accountId).where('user_name', '=', name))) {
        throw conflict('Cannot delete entity, must remove user from all groups first.');
      }
      const owned = (table: 'iam_policy_attachments' | 'iam_inline_policies') =>
        trx.selectFrom(table).select('owner_name').where('account_id', '=', accountId).where('owner_type', '=', 'user').where('owner_name', '=', name);
      if (await exists(owned('iam_policy_attachments'))) throw conflict('Cannot delete entity, must detach all policies first.');
      if (await exists(owned('iam_inline_policies'))) throw conflict('Cannot delete entity, must delete policies first.');
      await trx.deleteFrom('iam_user_tags').where('account_id', '=', accountId).where('user_name', '=', name).execute();
      await trx.deleteFrom('iam_users').where('account_id', '=', accountId).where('user_name', '=', name).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  async tagUser(accountId: string, userName: string, tags: readonly IamTag[]): Promise<void> {
    await this.#store.transaction(async () => {
      const row = await this.#lock(accountId, userName);
      await putTags(this.#store, USER_TAGS, accountId, row.user_name, tags);
      await this.#changed(accountId, row.user_name);
    });
  }

  async untagUser(accountId: string, userName: string, tagKeys: readonly string[]): Promise<void> {
    await this.#store.transaction(async () => {
      const row = await this.#lock(accountId, userName);
      await removeTags(this.#store, USER_TAGS, accountId, row.user_name, tagKeys);
      await this.#changed(accountId, row.user_name);
    });
  }

  async listUserTags(accountId: string, userName: string): Promise<IamTag[]> {
    return (await this.requireUser(accountId, userName)).tags;
  }

  /** Sets (or with null removes) the user's permissions boundary; the caller checks the policy exists. */
  async setPermissionsBoundary(accountId: string, userName: string, policyArn: string | null): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const row = await this.#lock(accountId, userName);
      await trx.updateTable('iam_users').set({ permissions_boundary_arn: policyArn }).where('account_id', '=', accountId).where('user_name', '=', row.user_name).execute();
      publishIamChange(this.#store, accountId);
    });
  }

  async #changed(accountId: string, userName: string): Promise<void> {
    publishIamChange(this.#store, accountId);
    await this.#identity.invalidateUserKeys(accountId, userName);
  }

  #lock(accountId: string, userName: string): Promise<IamUsersTable> {
    return lockUserRow(this.#store, accountId, userName);
  }
}

/** A user's row (names match case-insensitively, as IAM's do), locked for the rest of the transaction; NoSuchEntity when absent. */
export async function lockUserRow(store: Store, accountId: string, userName: string): Promise<IamUsersTable> {
  const row = await store
    .forUpdate(
      store
        .current()
        .selectFrom('iam_users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName.toLowerCase())),
    )
    .executeTakeFirst();
  if (!row) throw noSuchUser(userName);
  return row;
}

function conflict(message: string): AwsError {
  return new AwsError('DeleteConflict', message, 409);
}
