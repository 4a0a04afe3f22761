/**
 * What a migration is, and the small portability helpers migrations use so
 * one migration creates equivalent tables on SQLite and PostgreSQL.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../types.ts';

export interface MigrationContext {
  engine: Engine;
  /** Column types that differ between the engines. */
  types: PortableTypes;
  /** `db.schema.createTable(name)`, made STRICT on SQLite so it rejects values PostgreSQL would reject. */
  createTable(name: string): CreateTableBuilder<string, never>;
}

export interface PortableTypes {
  /** Epoch milliseconds and other 64-bit integers (PostgreSQL bigint, read back as a JS number). */
  epochMs: 'integer' | 'bigint';
  /** Binary data (BLOB / BYTEA), read and written as Buffer. */
  binary: 'blob' | 'bytea';
  /** Booleans stored as the integers 0 and 1. */
  bool: 'integer';
  /** 32-bit integers. */
  int: 'integer';
  text: 'text';
}

export interface Migration {
  /** Positive, strictly increasing; never reuse or renumber a released version. */
  version: number;
  name: string;
  /** Runs inside a transaction on `db`, which is that transaction. */
  up(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
}

export function migrationContext(db: Kysely<any>, engine: Engine): MigrationContext {
  const types: PortableTypes = {
    epochMs: engine === 'sqlite' ? 'integer' : 'bigint',
    binary: engine === 'sqlite' ? 'blob' : 'bytea',
    bool: 'integer',
    int: 'integer',
    text: 'text',
  };
  return {
    engine,
    types,
    createTable(name) {
      const builder = db.schema.createTable(name);
      return engine === 'sqlite' ? builder.modifyEnd(sql`strict`) : builder;
    },
  };
}
