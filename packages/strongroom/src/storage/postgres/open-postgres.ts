/**
 * Opens a pg Pool behind Kysely. int8 (bigint, count(*)) comes back as a JS
 * number, since epoch-millisecond timestamps are stored as bigint; a value
 * past Number.MAX_SAFE_INTEGER fails the query rather than losing precision.
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { sha256 } from '../../crypto/primitives.ts';
import { changeChannel, openPostgresChangeFeed } from '../change-feed/postgres-change-feed.ts';
import { StoreError } from '../errors.ts';
import { GuardedDriver, type TransactionScope } from '../guarded-driver.ts';
import type { EngineHandle } from '../store.ts';
import type { Database } from '../types.ts';
import { parsePostgresUrl } from './postgres-url.ts';

const INT8_OID = 20;
/** The first key of the migration advisory lock ("SRMG"); the second is derived from the schema name. */
const MIGRATION_LOCK_CLASS = 0x53524d47;

export interface OpenPostgresOptions {
  url: string;
  schema?: string;
  poolSize?: number;
  onBackgroundError?: (error: Error) => void;
  scope: AsyncLocalStorage<TransactionScope>;
}

export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`a bigint value (${value}) is outside the range Strongroom reads as a number`);
  return n;
}

export async function openPostgres(options: OpenPostgresOptions): Promise<EngineHandle> {
  const target = parsePostgresUrl(options.url, options.schema);
  const builtin = pg.types.getTypeParser;
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: options.poolSize ?? 10,
    application_name: 'strongroom',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary' ? parseInt8 : builtin(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', (error) => options.onBackgroundError?.(error));

  const dialect = new PostgresDialect({ pool });
  const db = new Kysely<Database>({
    dialect: {
      createDriver: () => new GuardedDriver(dialect.createDriver(), options.scope),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createAdapter: () => dialect.createAdapter(),
      createIntrospector: (k) => dialect.createIntrospector(k),
    },
  });

  try {
    const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db).catch((error: Error) => {
      throw new StoreError(`cannot connect to PostgreSQL at ${target.redacted}: ${error.message}`, { cause: error });
    });
    const lockSchema = target.schema ?? current.rows[0]?.schema ?? '';
    const lockKey = sha256(`strongroom-migrations:${lockSchema}`).readInt32BE(0);
    const lockedTransaction: EngineHandle['lockedTransaction'] = (fn) =>
      db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_CLASS)}, ${sql.lit(lockKey)})`.execute(trx);
        return fn(trx);
      });

    if (target.schema) {
      await lockedTransaction((trx) => sql`create schema if not exists ${sql.id(target.schema!)}`.execute(trx));
      const after = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
      if (after.rows[0]?.schema !== target.schema) {
        throw new StoreError(
          `PostgreSQL did not apply search_path=${target.schema} (current schema: ${after.rows[0]?.schema ?? 'none'}); a connection pooler may be dropping the "options" startup parameter`,
        );
      }
    } else if (!current.rows[0]?.schema) {
      throw new StoreError('the PostgreSQL search_path names no existing schema: add ?schema=<name> to the database URL');
    }

    const openChangeFeed: EngineHandle['openChangeFeed'] = (hooks, onError) =>
      openPostgresChangeFeed({ connectionString: target.connectionString, channel: changeChannel(lockSchema), db, hooks, onError });
    return { engine: 'postgres', db, location: target.redacted, lockedTransaction, openChangeFeed };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
