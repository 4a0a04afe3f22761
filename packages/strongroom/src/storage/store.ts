/**
 * The Store: one Kysely query layer over SQLite (embedded default) or
 * PostgreSQL (selected by a postgres:// URL), migrated on open.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { ChangeFeed, TransactionHooks } from './change-feed/change-feed.ts';
import { StoreError } from './errors.ts';
import type { TransactionScope } from './guarded-driver.ts';
import { readVersion, runMigrations } from './migrations/run-migrations.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';
import type { Database, Engine } from './types.ts';

export interface OpenStoreOptions {
  /** Directory for the SQLite file (`<dataDir>/strongroom.db`); created with mode 0700 if missing. */
  dataDir: string;
  /** `postgres://…` or `postgresql://…` selects PostgreSQL. May carry `?schema=<name>`. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing); overrides `?schema=` in the URL. */
  pgSchema?: string;
  /** PostgreSQL pool size, default 10. */
  poolSize?: number;
  /**
   * Errors nobody awaits: on idle PostgreSQL pool connections (the pool drops
   * them; ignored by default), and in the change feed — a lost LISTEN
   * connection, a failed notification, a throwing listener (default: a
   * process warning).
   */
  onBackgroundError?: (error: Error) => void;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

export interface Store {
  readonly engine: Engine;
  /** The root query builder. Inside `transaction()` use the callback's `trx` instead; `db` throws there. */
  readonly db: Kysely<Database>;
  /** Where the data lives, for logs: the SQLite file path or the PostgreSQL URL without its password. */
  readonly location: string;
  /**
   * Runs `fn` in one transaction: commits when it resolves, rolls back and
   * rethrows when it throws. Called inside another transaction of this store,
   * it joins that transaction (no savepoint).
   */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** The transaction running in this async context, or `db` outside one. Repositories query through this so they compose into a caller's transaction. */
  current(): Kysely<Database>;
  /** Runs `fn` after the enclosing transaction commits (never if it rolls back); immediately outside a transaction. For cache invalidation. */
  afterCommit(fn: () => void): void;
  /** `SELECT … FOR UPDATE` on PostgreSQL; unchanged on SQLite, where a write transaction already excludes all others. */
  forUpdate<QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB;
  /**
   * `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL: rows another transaction
   * holds are left out instead of waited for, so concurrent workers claim
   * disjoint rows (see scheduler/claim.ts). Unchanged on SQLite.
   */
  forUpdateSkipLocked<QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB;
  /** Change notifications for cache invalidation, across every process on this database (see change-feed/change-feed.ts). */
  readonly changes: ChangeFeed;
  /** Runs `fn` (and whatever async work it starts) as if outside any transaction, e.g. fire-and-forget background writes. */
  outsideTransaction<T>(fn: () => T): T;
  /** The highest applied migration version. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export interface EngineHandle {
  engine: Engine;
  db: Kysely<Database>;
  location: string;
  /** A transaction holding the store-wide migration lock. */
  lockedTransaction<T>(fn: (trx: Kysely<any>) => Promise<T>): Promise<T>;
  /** Starts the engine's change feed (PostgreSQL: connects the LISTEN connection). */
  openChangeFeed(hooks: TransactionHooks, onError: (error: Error) => void): Promise<ChangeFeed>;
}

/** The store's transaction scope: the driver's, plus work to run inside the transaction right before COMMIT. */
interface StoreScope extends TransactionScope {
  beforeCommit: Array<() => Promise<void>>;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  if (url !== undefined && !/^postgres(ql)?:\/\//i.test(url)) {
    throw new StoreError('the database URL must start with postgres:// or postgresql://');
  }
  const scope = new AsyncLocalStorage<StoreScope>();
  const handle = url
    ? await (await import('./postgres/open-postgres.ts')).openPostgres({ url, schema: options.pgSchema, poolSize: options.poolSize, onBackgroundError: options.onBackgroundError, scope })
    : await openSqlite({ dataDir: options.dataDir, scope });
  let changes: ChangeFeed;
  try {
    if (options.migrate !== false) await runMigrations(handle);
    const onError = options.onBackgroundError ?? ((error: Error) => process.emitWarning(error.message, 'StrongroomChangeFeedWarning'));
    changes = await handle.openChangeFeed(transactionHooks(scope), onError);
  } catch (error) {
    await handle.db.destroy();
    throw error;
  }
  return new KyselyStore(handle, scope, changes);
}

function transactionHooks(scope: AsyncLocalStorage<StoreScope>): TransactionHooks {
  return {
    transaction() {
      const current = scope.getStore();
      return current?.active && current.trx ? (current.trx as Transaction<Database>) : undefined;
    },
    beforeCommit(fn) {
      const current = scope.getStore();
      if (!current?.active) throw new StoreError('beforeCommit is only available inside store.transaction()');
      current.beforeCommit.push(fn);
    },
    afterCommit(fn) {
      const current = scope.getStore();
      if (current?.active) current.afterCommit.push(fn);
      else fn();
    },
    outsideTransaction: (fn) => scope.exit(fn),
  };
}

class KyselyStore implements Store {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  readonly location: string;
  readonly changes: ChangeFeed;
  readonly #scope: AsyncLocalStorage<StoreScope>;
  /** Transactions running now; the scope is disabled whenever none is (see transaction()). */
  #running = 0;
  #closed = false;

  constructor(handle: EngineHandle, scope: AsyncLocalStorage<StoreScope>, changes: ChangeFeed) {
    this.engine = handle.engine;
    this.db = handle.db;
    this.location = handle.location;
    this.#scope = scope;
    this.changes = changes;
  }

  async transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const outer = this.#scope.getStore();
    if (outer?.active && outer.trx) return fn(outer.trx as Transaction<Database>);
    const scope: StoreScope = { active: true, afterCommit: [], beforeCommit: [] };
    const result = await this.db.transaction().execute(async (trx) => {
      scope.trx = trx;
      this.#running++;
      try {
        return await this.#scope.run(scope, async () => {
          const value = await fn(trx);
          // Hooks may add hooks (a hook that publishes): index, not iterator.
          for (let i = 0; i < scope.beforeCommit.length; i++) await scope.beforeCommit[i]!();
          return value;
        });
      } finally {
        scope.active = false;
        // An enabled AsyncLocalStorage keeps async_hooks' promise hooks on for
        // every promise in the process (Node 20/22), a few % of each request.
        // With no transaction running every scope is inactive, so none is
        // needed: disable it; the next run() enables it again.
        if (--this.#running === 0) this.#scope.disable();
      }
    });
    for (const hook of scope.afterCommit) {
      try {
        hook();
      } catch (error) {
        // The transaction did commit; a failing hook must not make the caller believe otherwise.
        process.emitWarning(`store.afterCommit hook failed: ${(error as Error)?.message ?? error}`);
      }
    }
    return result;
  }

  current(): Kysely<Database> {
    const scope = this.#scope.getStore();
    return scope?.active && scope.trx ? (scope.trx as Transaction<Database>) : this.db;
  }

  afterCommit(fn: () => void): void {
    const scope = this.#scope.getStore();
    if (scope?.active) scope.afterCommit.push(fn);
    else fn();
  }

  forUpdate<QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB {
    return this.engine === 'postgres' ? (qb.forUpdate() as QB) : qb;
  }

  forUpdateSkipLocked<QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB {
    return this.engine === 'postgres' ? (qb.forUpdate().skipLocked() as QB) : qb;
  }

  outsideTransaction<T>(fn: () => T): T {
    return this.#scope.exit(fn);
  }

  schemaVersion(): Promise<number> {
    return readVersion(this.current());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.changes.close();
    } finally {
      await this.db.destroy();
    }
  }
}
