/**
 * A Kysely driver for better-sqlite3 that differs from Kysely's own in two
 * ways that matter here: transactions start with BEGIN IMMEDIATE (take the
 * write lock up front, so a read-then-write transaction never fails half way
 * with SQLITE_BUSY when another process writes), and prepared statements are
 * cached (the same few hundred statements run on every request).
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

const STATEMENT_CACHE_SIZE = 512;

/**
 * One lock per database file per process. better-sqlite3 is synchronous: a
 * second connection in the same process waiting on SQLite's busy timeout
 * would block the event loop, and with it the transaction it waits for. So
 * connections to one file within a process queue here, asynchronously;
 * SQLite's own locking (and busy timeout) only arbitrates between processes.
 */
const fileLocks = new Map<string, { mutex: Mutex; users: number }>();

function acquireFileLock(file: string): { mutex: Mutex; release(): void } {
  let entry = fileLocks.get(file);
  if (!entry) {
    entry = { mutex: new Mutex(), users: 0 };
    fileLocks.set(file, entry);
  }
  entry.users += 1;
  const held = entry;
  let released = false;
  return {
    mutex: held.mutex,
    release() {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users === 0 && fileLocks.get(file) === held) fileLocks.delete(file);
    },
  };
}

export class SqliteStoreDialect implements Dialect {
  readonly #db: BetterSqlite3.Database;
  readonly #file: string;

  /** `file` is the database's canonical path, the key of the per-process lock. */
  constructor(db: BetterSqlite3.Database, file: string) {
    this.#db = db;
    this.#file = file;
  }

  createDriver(): Driver {
    return new SqliteStoreDriver(this.#db, acquireFileLock(this.#file));
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class SqliteStoreDriver implements Driver {
  readonly #db: BetterSqlite3.Database;
  readonly #connection: SqliteConnection;
  readonly #lock: { mutex: Mutex; release(): void };

  constructor(db: BetterSqlite3.Database, lock: { mutex: Mutex; release(): void }) {
    this.#db = db;
    this.#connection = new SqliteConnection(db);
    this.#lock = lock;
  }

  async init(): Promise<void> {}

  /** One connection per store, and one holder per file in this process; callers queue. */
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT or some errors already end the transaction in SQLite.
    if (this.#db.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#lock.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#connection.clear();
    if (this.#db.open) this.#db.close();
    this.#lock.release();
  }
}

class SqliteConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('the SQLite store streams SELECT queries only');
    // Not from the cache: an iterating statement is busy until the loop ends.
    const stmt = this.#db.prepare(compiledQuery.sql);
    for (const row of stmt.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }

  clear(): void {
    this.#statements.clear();
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) return stmt;
    stmt = this.#db.prepare(sql);
    // Transaction control and DDL are rare; keep the cache for queries.
    if (stmt.reader || /^\s*(insert|update|delete|with|replace)\b/i.test(sql)) {
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value as string);
      }
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  /** FIFO: each lock() waits for the previous holder's unlock(). */
  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}
