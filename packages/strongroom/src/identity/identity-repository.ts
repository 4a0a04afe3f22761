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
import { ACCESS_KEY_ID_PATTERN, newAccessKeyId, newSecretAccessKey, newUserId, userArn } from './ids.ts';

export const ACCESS_KEYS_PER_USER = 2;

export interface IamUser {
  accountId: string;
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createdAt: number;
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
      if (!user) throw new AwsError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);

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

  /** Drops a key from the cache now and again once the current transaction commits. */
  invalidateAfterCommit(accessKeyId: string): void {
    this.#cache.invalidate(accessKeyId);
    this.#store.afterCommit(() => this.#cache.invalidate(accessKeyId));
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
    return {
      accessKeyId: row.access_key_id,
      accountId: row.account_id,
      userName: row.user_name,
      userId: row.user_id,
      arn: row.arn,
      status: row.status,
      secretAccessKey: this.#barrier.open(row.secret_sealed, accessKeySecretAad(row.access_key_id)).toString('utf8'),
    };
  }
}

function toUser(row: IamUsersTable): IamUser {
  return { accountId: row.account_id, userName: row.user_name, userId: row.user_id, path: row.path, arn: row.arn, createdAt: row.created_at };
}

function userExists(userName: string): AwsError {
  return new AwsError('EntityAlreadyExists', `User with name ${userName} already exists.`, 409);
}
