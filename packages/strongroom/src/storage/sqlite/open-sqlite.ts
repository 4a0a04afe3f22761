/**
 * Opens `<dataDir>/strongroom.db`: WAL journal, full synchronous commits (a
 * commit survives power loss once acknowledged), a busy timeout for other
 * processes, foreign keys enforced. The file is created 0600 and SQLite gives
 * its -wal and -shm files the same mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AsyncLocalStorage } from 'node:async_hooks';
import Sqlite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { LocalChangeFeed } from '../change-feed/local-change-feed.ts';
import { GuardedDriver, type TransactionScope } from '../guarded-driver.ts';
import type { EngineHandle } from '../store.ts';
import type { Database } from '../types.ts';
import { SqliteStoreDialect } from './sqlite-driver.ts';

export const SQLITE_FILE_NAME = 'strongroom.db';
const BUSY_TIMEOUT_MS = 10_000;

export async function openSqlite(options: { dataDir: string; scope: AsyncLocalStorage<TransactionScope> }): Promise<EngineHandle> {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dataDir, SQLITE_FILE_NAME);
  fs.closeSync(fs.openSync(file, 'a', 0o600));

  const sqlite = new Sqlite(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite.close();
    throw error;
  }

  const realFile = fs.realpathSync(file);
  const dialect = new SqliteStoreDialect(sqlite, realFile);
  const db = new Kysely<Database>({
    dialect: {
      createDriver: () => new GuardedDriver(dialect.createDriver(), options.scope),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createAdapter: () => dialect.createAdapter(),
      createIntrospector: (k) => dialect.createIntrospector(k),
    },
  });

  return {
    engine: 'sqlite',
    db,
    location: file,
    // BEGIN IMMEDIATE takes SQLite's write lock, which excludes every other writer, in-process or not.
    lockedTransaction: (fn) => db.transaction().execute((trx) => fn(trx)),
    openChangeFeed: async (hooks, onError) => new LocalChangeFeed(realFile, hooks, onError),
  };
}
