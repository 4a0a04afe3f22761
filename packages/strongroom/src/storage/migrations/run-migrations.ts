/**
 * Applies pending migrations in order, each in its own transaction that also
 * records the version in schema_migrations. The caller supplies a transaction
 * runner that holds a store-wide lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
 * advisory lock), and every step re-checks under that lock, so servers
 * starting at once against one database never apply a migration twice.
 */
import type { Kysely } from 'kysely';
import { StoreError } from '../errors.ts';
import type { Engine } from '../types.ts';
import { MIGRATIONS } from './index.ts';
import { migrationContext, type Migration } from './migration.ts';

export interface MigrationTarget {
  engine: Engine;
  db: Kysely<any>;
  lockedTransaction<T>(fn: (trx: Kysely<any>) => Promise<T>): Promise<T>;
}

export async function runMigrations(target: MigrationTarget, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  checkOrder(migrations);
  const known = migrations.length ? migrations[migrations.length - 1].version : 0;

  let current = await readVersion(target.db).catch(() => undefined);
  if (current === undefined) {
    await target.lockedTransaction((trx) =>
      migrationContext(trx, target.engine)
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', target.engine === 'sqlite' ? 'integer' : 'bigint', (c) => c.notNull())
        .execute(),
    );
    current = await readVersion(target.db);
  }
  if (current > known) {
    throw new StoreError(`the data store has schema version ${current}, newer than this Strongroom knows (${known}): upgrade Strongroom`);
  }

  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const didApply = await target.lockedTransaction(async (trx) => {
      const done = await trx.selectFrom('schema_migrations').select('version').where('version', '=', migration.version).executeTakeFirst();
      if (done) return false;
      await migration.up(trx, migrationContext(trx, target.engine));
      await trx.insertInto('schema_migrations').values({ version: migration.version, name: migration.name, applied_at: Date.now() }).execute();
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

export async function readVersion(db: Kysely<any>): Promise<number> {
  const row = await db.selectFrom('schema_migrations').select((eb) => eb.fn.max<number | null>('version').as('version')).executeTakeFirst();
  return Number(row?.version ?? 0);
}

function checkOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new StoreError(`migration ${m.version} (${m.name}) is out of order: versions must be increasing positive integers`);
    }
    previous = m.version;
  }
}
