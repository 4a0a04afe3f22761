/**
 * Wraps an engine's Kysely driver so that (a) driver errors become typed
 * StoreErrors wherever a query runs, and (b) a query issued through the
 * store's root `db` while a `store.transaction()` callback is running fails
 * loudly: on SQLite it would wait forever for the one connection the
 * transaction holds, on PostgreSQL it would silently escape the transaction.
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, Transaction, TransactionSettings } from 'kysely';
import { StoreMisuseError, translateDriverError } from './errors.ts';

/** The async context of a running store.transaction() callback. */
export interface TransactionScope {
  active: boolean;
  trx?: Transaction<any>;
  afterCommit: Array<() => void>;
}

export class GuardedDriver implements Driver {
  readonly #inner: Driver;
  readonly #scope: AsyncLocalStorage<TransactionScope>;
  readonly #innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(inner: Driver, scope: AsyncLocalStorage<TransactionScope>) {
    this.#inner = inner;
    this.#scope = scope;
  }

  async init(): Promise<void> {
    await translate(() => this.#inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#scope.getStore()?.active) {
      throw new StoreMisuseError(
        'store.db was used inside store.transaction(): run queries on the transaction object passed to the callback (or wrap deliberate background work in store.outsideTransaction())',
      );
    }
    const inner = await translate(() => this.#inner.acquireConnection());
    const wrapped = new TranslatingConnection(inner);
    this.#innerOf.set(wrapped, inner);
    return wrapped;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return translate(() => this.#inner.beginTransaction(this.#unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return translate(() => this.#inner.commitTransaction(this.#unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return translate(() => this.#inner.rollbackTransaction(this.#unwrap(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(this.#unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }

  #unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.#innerOf.get(connection) ?? connection;
  }
}

class TranslatingConnection implements DatabaseConnection {
  readonly #inner: DatabaseConnection;

  constructor(inner: DatabaseConnection) {
    this.#inner = inner;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return translate(() => this.#inner.executeQuery<R>(compiledQuery));
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.#inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw translateDriverError(error);
    }
  }
}

async function translate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateDriverError(error);
  }
}
