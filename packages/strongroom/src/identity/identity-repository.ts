/**
 * Accounts, IAM users and access keys: the part of IAM the server needs to
 * authenticate requests. Secret access keys are stored sealed by the barrier;
 * `findAccessKey` (run on every signed request) is served from memory.
 * Every method composes into a caller's `store.transaction()`.
 */
import type { Barrier } from '../crypto/barrier/barrier.ts';
import { rowAad } from '../crypto/barrier/aad.ts';
import { AwsError } from '../errors/aws-error.ts';
import { UniqueViolationError } from '../storage/errors.ts';
import { LoadingCache, type LoadingCacheOptions } from '../storage/loading-cache.ts';
import type { Store } from '../storage/store.ts';
import type { AccessKeyStatus, IamUsersTable } from '../storage/types.ts';
import { invalidateOnChange } from '../storage/change-feed/change-feed.ts';
import { ACCESS_KEY_TOPIC } from './iam-changes.ts';
import { ACCESS_KEY_ID_PATTERN, newAccessKeyId, newSecretAccessKey, newUserId, userArn } from './ids.ts';

export const ACCESS_KEYS_PER_USER = 2;

export interface IamUser {
  accountId: string;
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createdAt: number;
  permissionsBoundaryArn?: string;
}

/** What authentication needs to know about an access key. */
export interface AccessKeyIdentity {
  accessKeyId: string;
  accountId: string;
  userName: string;
  userId: string;
  arn: string;
  status: AccessKeyStatus;
  secretAccessKey: string;
  /** The user's tags (for aws:PrincipalTag/…); omitted when it has none. */
  tags?: Readonly<Record<string, string>>;
}

/** ListAccessKeys: a key without its secret. */
export interface AccessKeyMetadata {
  accessKeyId: string;
  userName: string;
  status: AccessKeyStatus;
  createdAt: number;
}

export interface CreatedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userName: string;
  status: AccessKeyStatus;
  createdAt: number;
}

export interface IdentityRepositoryOptions {
  /** The findAccessKey cache (defaults: 10 000 keys, 30 s TTL, 1 s for unknown ids). */
  cache?: LoadingCacheOptions;
}

/** The AAD an access key's sealed secret is bound to. */
export function accessKeySecretAad(accessKeyId: string): string {
  return rowAad('access_keys', [accessKeyId], 'secret_sealed');
}

export class IdentityRepository {
  readonly #store: Store;
  readonly #barrier: Barrier;
  readonly #cache: LoadingCache<string, AccessKeyIdentity>;

  constructor(store: Store, barrier: Barrier, options: IdentityRepositoryOptions = {}) {
    this.#store = store;
    this.#barrier = barrier;
    this.#cache = new LoadingCache((id) => this.#loadAccessKey(id), options.cache);
    // Every process drops a key the moment a change to it (status, deletion, its user's tags) commits anywhere.
    invalidateOnChange(store.changes, ACCESS_KEY_TOPIC, this.#cache);
  }

  /** Creates the account if it does not exist; returns whether it did. */
  async ensureAccount(accountId: string): Promise<boolean> {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`invalid account id "${accountId}": expected 12 digits`);
    const result = await this.#store
      .current()
      .insertInto('accounts')
      .values({ account_id: accountId, created_at: Date.now() })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async hasAccounts(): Promise<boolean> {
    const row = await this.#store.current().selectFrom('accounts').select('account_id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** IAM user names are unique per account regardless of case; lookups ignore case too. */
  async getUser(accountId: string, userName: string): Promise<IamUser | undefined> {
    const row = await this.#store
      .current()
      .selectFrom('iam_users')
      .selectAll()
      .where('account_id', '=', accountId)
      .where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName.toLowerCase()))
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** Throws EntityAlreadyExists (409) when the name is taken in the account. The account must exist. */
  async createUser(accountId: string, userName: string, path = '/'): Promise<IamUser> {
    return this.#store.transaction(async (trx) => {
      if (await this.getUser(accountId, userName)) throw userExists(userName);
      const row: IamUsersTable = {
        account_id: accountId,
        user_name: userName,
        user_id: newUserId(),
        path,
        arn: userArn(accountId, path, userName),
        created_at: Date.now(),
        permissions_boundary_arn: null,
      };
      try {
        await trx.insertInto('iam_users').values(row).execute();
      } catch (error) {
        // A concurrent CreateUser won between the check and the insert.
        if (error instanceof UniqueViolationError) throw userExists(userName);
        throw error;
      }
      return toUser(row);
    });
  }

  /**
   * A new Active key for the user. Throws NoSuchEntity (404) for an unknown
   * user and LimitExceeded (409) when the user already has two keys.
   */
  async createAccessKey(accountId: string, userName: string): Promise<CreatedAccessKey> {
    return this.#store.transaction(async (trx) => {
      // Lock the user row so concurrent CreateAccessKey calls count keys one at a time.
      const user = await this.#store
        .forUpdate(
          trx
            .selectFrom('iam_users')
            .select(['user_name'])
            .where('account_id', '=', accountId)
            .where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName.toLowerCase())),
        )
        .executeTakeFirst();
      if (!user) throw noSuchUser(userName);

      const { n } = await trx
        .selectFrom('access_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('user_name', '=', user.user_name)
        .executeTakeFirstOrThrow();
      if (Number(n) >= ACCESS_KEYS_PER_USER) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`, 409);
      }

      const accessKeyId = newAccessKeyId();
      const secretAccessKey = newSecretAccessKey();
      const createdAt = Date.now();
      await trx
        .insertInto('access_keys')
        .values({
          access_key_id: accessKeyId,
          account_id: accountId,
          user_name: user.user_name,
          status: 'Active',
          secret_sealed: this.#barrier.seal(Buffer.from(secretAccessKey, 'utf8'), accessKeySecretAad(accessKeyId)),
          created_at: createdAt,
          last_used_at: null,
        })
        .execute();
      this.invalidateAfterCommit(accessKeyId);
      return { accessKeyId, secretAccessKey, accountId, userName: user.user_name, status: 'Active', createdAt };
    });
  }

  /**
   * The key, its user and its secret, or undefined for an unknown id. Served
   * from memory outside transactions; inside one it reads through the
   * transaction (and bypasses the cache, which must only hold committed rows).
   */
  async findAccessKey(accessKeyId: string): Promise<AccessKeyIdentity | undefined> {
    if (!ACCESS_KEY_ID_PATTERN.test(accessKeyId)) return undefined;
    if (this.#store.current() !== this.#store.db) return this.#loadAccessKey(accessKeyId);
    return this.#cache.get(accessKeyId);
  }

  /** Drops a key from the cache now. Call after any change to the key or its user. */
  invalidate(accessKeyId: string): void {
    this.#cache.invalidate(accessKeyId);
  }

  /**
   * Drops a key from the cache now and again once the current transaction
   * commits — in this process and, through the change feed, in every other.
   */
  invalidateAfterCommit(accessKeyId: string): void {
    this.#cache.invalidate(accessKeyId);
    this.#store.afterCommit(() => this.#cache.invalidate(accessKeyId));
    this.#store.changes.publish(ACCESS_KEY_TOPIC, accessKeyId);
  }

  /** Invalidates every key of a user (after a change to the user: tags, deletion). */
  async invalidateUserKeys(accountId: string, userName: string): Promise<void> {
    const keys = await this.#store
      .current()
      .selectFrom('access_keys')
      .select('access_key_id')
      .where('account_id', '=', accountId)
      .where('user_name', '=', userName)
      .execute();
    for (const k of keys) this.invalidateAfterCommit(k.access_key_id);
  }

  /** The user's keys (no secrets), oldest first. NoSuchEntity for an unknown user. */
  async listAccessKeys(accountId: string, userName: string): Promise<AccessKeyMetadata[]> {
    const user = await this.getUser(accountId, userName);
    if (!user) throw noSuchUser(userName);
    const rows = await this.#store
      .current()
      .selectFrom('access_keys')
      .select(['access_key_id', 'user_name', 'status', 'created_at'])
      .where('account_id', '=', accountId)
      .where('user_name', '=', user.userName)
      .orderBy('created_at')
      .orderBy('access_key_id')
      .execute();
    return rows.map((r) => ({ accessKeyId: r.access_key_id, userName: r.user_name, status: r.status, createdAt: Number(r.created_at) }));
  }

  /**
   * Sets a key's status. Inactive keys are refused at SigV4 from the moment
   * this commits, in every process. NoSuchEntity when the user or the key
   * (of that user) does not exist.
   */
  async updateAccessKeyStatus(accountId: string, userName: string, accessKeyId: string, status: AccessKeyStatus): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const key = await this.#userKey(accountId, userName, accessKeyId);
      await trx.updateTable('access_keys').set({ status }).where('access_key_id', '=', key.access_key_id).execute();
      this.invalidateAfterCommit(key.access_key_id);
    });
  }

  /** Deletes a key; NoSuchEntity when the user or the key (of that user) does not exist. */
  async deleteAccessKey(accountId: string, userName: string, accessKeyId: string): Promise<void> {
    await this.#store.transaction(async (trx) => {
      const key = await this.#userKey(accountId, userName, accessKeyId);
      await trx.deleteFrom('access_keys').where('access_key_id', '=', key.access_key_id).execute();
      this.invalidateAfterCommit(key.access_key_id);
    });
  }

  async #userKey(accountId: string, userName: string, accessKeyId: string): Promise<{ access_key_id: string }> {
    const user = await this.getUser(accountId, userName);
    if (!user) throw noSuchUser(userName);
    const key = await this.#store
      .current()
      .selectFrom('access_keys')
      .select('access_key_id')
      .where('access_key_id', '=', accessKeyId)
      .where('account_id', '=', accountId)
      .where('user_name', '=', user.userName)
      .executeTakeFirst();
    if (!key) throw new AwsError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found`, 404);
    return key;
  }

  /** Empties the cache (e.g. on a cross-process "identities changed" notification). */
  invalidateAll(): void {
    this.#cache.clear();
  }

  async #loadAccessKey(accessKeyId: string): Promise<AccessKeyIdentity | undefined> {
    const row = await this.#store
      .current()
      .selectFrom('access_keys as k')
      .innerJoin('iam_users as u', (join) => join.onRef('u.account_id', '=', 'k.account_id').onRef('u.user_name', '=', 'k.user_name'))
      .select(['k.access_key_id', 'k.account_id', 'k.user_name', 'k.status', 'k.secret_sealed', 'u.user_id', 'u.arn'])
      .where('k.access_key_id', '=', accessKeyId)
      .executeTakeFirst();
    if (!row) return undefined;
    const tags = await this.#store
      .current()
      .selectFrom('iam_user_tags')
      .select(['tag_key', 'tag_value'])
      .where('account_id', '=', row.account_id)
      .where('user_name', '=', row.user_name)
      .execute();
    const identity: AccessKeyIdentity = {
      accessKeyId: row.access_key_id,
      accountId: row.account_id,
      userName: row.user_name,
      userId: row.user_id,
      arn: row.arn,
      status: row.status,
      secretAccessKey: this.#barrier.open(row.secret_sealed, accessKeySecretAad(row.access_key_id)).toString('utf8'),
    };
    if (tags.length > 0) identity.tags = Object.fromEntries(tags.map((t) => [t.tag_key, t.tag_value]));
    return identity;
  }
}

export function toUser(row: IamUsersTable): IamUser {
  const user: IamUser = { accountId: row.account_id, userName: row.user_name, userId: row.user_id, path: row.path, arn: row.arn, createdAt: Number(row.created_at) };
  if (row.permissions_boundary_arn) user.permissionsBoundaryArn = row.permissions_boundary_arn;
  return user;
}

export function noSuchUser(userName: string): AwsError {
  return new AwsError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);
}

function userExists(userName: string): AwsError {
  return new AwsError('EntityAlreadyExists', `User with name ${userName} already exists.`, 409);
}
