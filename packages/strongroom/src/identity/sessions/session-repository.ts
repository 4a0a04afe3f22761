/**
 * STS sessions: temporary credentials and the principal they stand for.
 * `find` runs on every request signed with an ASIA… key and is served from
 * memory; sessions never change once issued, so the cache only has to learn
 * of deletions (published on STS_SESSION_TOPIC). Expiry is not the cache's
 * business: callers compare `expiresAt` with their clock on every request.
 */
import { rowAad } from '../../crypto/barrier/aad.ts';
import type { Barrier } from '../../crypto/barrier/barrier.ts';
import { invalidateOnChange } from '../../storage/change-feed/change-feed.ts';
import { UniqueViolationError } from '../../storage/errors.ts';
import { LoadingCache, type LoadingCacheOptions } from '../../storage/loading-cache.ts';
import type { Store } from '../../storage/store.ts';
import type { StsPrincipalType, StsSessionsTable } from '../../storage/types.ts';
import { newSecretAccessKey } from '../ids.ts';
import { hashSessionToken, newSessionToken, newTemporaryAccessKeyId, TEMPORARY_ACCESS_KEY_ID_PATTERN } from './session-ids.ts';

/** Change-feed topic; id: an ASIA… access key id whose session changed or was removed. */
export const STS_SESSION_TOPIC = 'sts.sessions';

/** Expired sessions are kept this long, so their keys get ExpiredToken rather than InvalidClientTokenId. */
export const EXPIRED_SESSION_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Who a session acts as. */
export interface SessionPrincipal {
  type: StsPrincipalType;
  /** The user's or root's ARN, or the assumed-role session ARN. */
  arn: string;
  /** AIDA… for users, the account id for root, AROA…:<session name> for role sessions. */
  id: string;
  userName?: string;
  roleArn?: string;
  roleId?: string;
  roleSessionName?: string;
}

export interface NewSession {
  accountId: string;
  principal: SessionPrincipal;
  durationSeconds: number;
  /** Inline session policy (JSON text). */
  sessionPolicy?: string;
  policyArns?: readonly string[];
  tags?: Readonly<Record<string, string>>;
  /** Lower-cased keys of `tags` that pass on to chained sessions. */
  transitiveTagKeys?: readonly string[];
  sourceIdentity?: string;
  /** Issue time, epoch ms (default: now). */
  now?: number;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface StsSession {
  accessKeyId: string;
  accountId: string;
  principal: SessionPrincipal;
  secretAccessKey: string;
  /** SHA-256 of the session token. */
  tokenHash: Buffer;
  sessionPolicy?: string;
  policyArns: readonly string[];
  tags: Readonly<Record<string, string>>;
  transitiveTagKeys: readonly string[];
  sourceIdentity?: string;
  issuedAt: number;
  expiresAt: number;
}

export interface SessionRepositoryOptions {
  /** The find() cache (defaults: 10 000 sessions, 5 min TTL, 1 s for unknown ids). */
  cache?: LoadingCacheOptions;
}

/** The AAD a session's sealed secret access key is bound to. */
export function sessionSecretAad(accessKeyId: string): string {
  return rowAad('sts_sessions', [accessKeyId], 'secret_sealed');
}

const ID_ATTEMPTS = 5;

export class SessionRepository {
  readonly #store: Store;
  readonly #barrier: Barrier;
  readonly #cache: LoadingCache<string, StsSession>;

  constructor(store: Store, barrier: Barrier, options: SessionRepositoryOptions = {}) {
    this.#store = store;
    this.#barrier = barrier;
    this.#cache = new LoadingCache((id) => this.#load(id), { ttlMs: 5 * 60_000, ...options.cache });
    invalidateOnChange(store.changes, STS_SESSION_TOPIC, this.#cache);
  }

  /** Issues new temporary credentials. Composes into the caller's transaction. */
  async create(input: NewSession): Promise<IssuedCredentials> {
    const issuedAt = input.now ?? Date.now();
    const expiresAt = issuedAt + input.durationSeconds * 1000;
    const secretAccessKey = newSecretAccessKey();
    const sessionToken = newSessionToken();
    const p = input.principal;
    for (let attempt = 1; ; attempt++) {
      // The id carries 39 random bits per account: retry the rare collision.
      const accessKeyId = newTemporaryAccessKeyId(input.accountId);
      const row: StsSessionsTable = {
        access_key_id: accessKeyId,
        account_id: input.accountId,
        principal_type: p.type,
        principal_arn: p.arn,
        principal_id: p.id,
        user_name: p.userName ?? null,
        role_arn: p.roleArn ?? null,
        role_id: p.roleId ?? null,
        role_session_name: p.roleSessionName ?? null,
        source_identity: input.sourceIdentity ?? null,
        token_hash: hashSessionToken(sessionToken),
        secret_sealed: this.#barrier.seal(Buffer.from(secretAccessKey, 'utf8'), sessionSecretAad(accessKeyId)),
        session_policy: input.sessionPolicy ?? null,
        policy_arns: input.policyArns && input.policyArns.length > 0 ? JSON.stringify(input.policyArns) : null,
        tags: input.tags && Object.keys(input.tags).length > 0 ? JSON.stringify(input.tags) : null,
        transitive_tag_keys: input.transitiveTagKeys && input.transitiveTagKeys.length > 0 ? JSON.stringify(input.transitiveTagKeys) : null,
        issued_at: issuedAt,
        expires_at: expiresAt,
      };
      try {
        // Retried only outside a caller's transaction: on PostgreSQL a failed insert aborts it.
        await this.#store.transaction((trx) => trx.insertInto('sts_sessions').values(row).execute());
      } catch (error) {
        if (error instanceof UniqueViolationError && attempt < ID_ATTEMPTS && this.#store.current() === this.#store.db) continue;
        throw error;
      }
      // A key id the cache remembered as unknown must now be found.
      this.#cache.invalidate(accessKeyId);
      this.#store.afterCommit(() => this.#cache.invalidate(accessKeyId));
      return { accessKeyId, secretAccessKey, sessionToken, expiresAt };
    }
  }

  /**
   * The session of an ASIA… key, or undefined. Served from memory outside
   * transactions; inside one it reads through the transaction.
   */
  async find(accessKeyId: string): Promise<StsSession | undefined> {
    if (!TEMPORARY_ACCESS_KEY_ID_PATTERN.test(accessKeyId)) return undefined;
    if (this.#store.current() !== this.#store.db) return this.#load(accessKeyId);
    return this.#cache.get(accessKeyId);
  }

  /** The account of a stored session (expired or not), without unsealing anything. */
  async accountOf(accessKeyId: string): Promise<string | undefined> {
    const row = await this.#store.current().selectFrom('sts_sessions').select('account_id').where('access_key_id', '=', accessKeyId).executeTakeFirst();
    return row?.account_id;
  }

  /**
   * Deletes sessions that expired more than `retainMs` before `now`, in
   * batches; returns how many. Safe to run in several processes at once.
   */
  async purgeExpired(now: Date, retainMs = EXPIRED_SESSION_RETENTION_MS, batchSize = 1000): Promise<number> {
    const cutoff = now.getTime() - retainMs;
    let total = 0;
    for (;;) {
      const db = this.#store.current();
      const result = await db
        .deleteFrom('sts_sessions')
        .where('access_key_id', 'in', db.selectFrom('sts_sessions').select('access_key_id').where('expires_at', '<', cutoff).limit(batchSize))
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows ?? 0);
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }

  /** Drops a session from the cache here and, once the current transaction commits, in every process. */
  invalidateAfterCommit(accessKeyId: string): void {
    this.#cache.invalidate(accessKeyId);
    this.#store.changes.publish(STS_SESSION_TOPIC, accessKeyId);
  }

  async #load(accessKeyId: string): Promise<StsSession | undefined> {
    const row = await this.#store.current().selectFrom('sts_sessions').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst();
    return row && this.#toSession(row);
  }

  #toSession(row: StsSessionsTable): StsSession {
    const principal: SessionPrincipal = { type: row.principal_type, arn: row.principal_arn, id: row.principal_id };
    if (row.user_name !== null) principal.userName = row.user_name;
    if (row.role_arn !== null) principal.roleArn = row.role_arn;
    if (row.role_id !== null) principal.roleId = row.role_id;
    if (row.role_session_name !== null) principal.roleSessionName = row.role_session_name;
    const session: StsSession = {
      accessKeyId: row.access_key_id,
      accountId: row.account_id,
      principal,
      secretAccessKey: this.#barrier.open(row.secret_sealed, sessionSecretAad(row.access_key_id)).toString('utf8'),
      tokenHash: Buffer.from(row.token_hash),
      policyArns: row.policy_arns === null ? [] : (JSON.parse(row.policy_arns) as string[]),
      tags: row.tags === null ? {} : (JSON.parse(row.tags) as Record<string, string>),
      transitiveTagKeys: row.transitive_tag_keys === null ? [] : (JSON.parse(row.transitive_tag_keys) as string[]),
      issuedAt: Number(row.issued_at),
      expiresAt: Number(row.expires_at),
    };
    if (row.session_policy !== null) session.sessionPolicy = row.session_policy;
    if (row.source_identity !== null) session.sourceIdentity = row.source_identity;
    return session;
  }
}
