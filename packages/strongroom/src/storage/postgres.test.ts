import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { testStoreEngines } from '../testing/test-stores.ts';
import { parseInt8 } from './postgres/open-postgres.ts';
import { parsePostgresUrl } from './postgres/postgres-url.ts';
import { runStoreConformance } from './store-conformance.ts';
import { openStore } from './store.ts';

const postgres = testStoreEngines().find((e) => e.engine === 'postgres')!;

runStoreConformance({
  name: 'postgres',
  skip: postgres.skip,
  async create() {
    const target = await postgres.create();
    return { options: { dataDir: target.dataDir, databaseUrl: target.databaseUrl }, cleanup: target.cleanup };
  },
});

async function tablesIn(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: parsePostgresUrl(url).connectionString });
  await client.connect();
  try {
    const { rows } = await client.query('select table_name from information_schema.tables where table_schema = $1 order by 1', [schema]);
    return rows.map((r) => r.table_name as string);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL store specifics', { skip: postgres.skip }, () => {
  it('?schema= in the URL creates that schema and keeps every table in it', async () => {
    const target = await postgres.create();
    const store = await openStore({ dataDir: target.dataDir, databaseUrl: target.databaseUrl });
    try {
      assert.equal(store.engine, 'postgres');
      assert.match(store.location, new RegExp(`schema=${target.pgSchema}`));
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
      assert.equal(rows[0].s, target.pgSchema);
      const tables = await tablesIn(target.databaseUrl!, target.pgSchema!);
      for (const table of ['access_keys', 'accounts', 'iam_users', 'schema_migrations', 'strongroom_meta']) assert.ok(tables.includes(table), `${table} in ${target.pgSchema}`);
    } finally {
      await store.close();
      await target.cleanup();
    }
  });

  it('the pgSchema option and a search_path in the URL options work too', async () => {
    const target = await postgres.create();
    const base = new URL(target.databaseUrl!);
    base.searchParams.delete('schema');
    try {
      const viaOption = await openStore({ dataDir: target.dataDir, databaseUrl: base.href, pgSchema: target.pgSchema });
      await viaOption.db.insertInto('accounts').values({ account_id: '000000000000', created_at: 1 }).execute();
      await viaOption.close();
      // The schema exists now; a plain libpq-style options=-c search_path=… URL reaches it.
      base.searchParams.set('options', `-c search_path=${target.pgSchema}`);
      const viaOptions = await openStore({ dataDir: target.dataDir, databaseUrl: base.href });
      assert.equal((await viaOptions.db.selectFrom('accounts').selectAll().execute()).length, 1);
      await viaOptions.close();
    } finally {
      await target.cleanup();
    }
  });

  it('bigint values past Number.MAX_SAFE_INTEGER fail instead of losing precision', async () => {
    const target = await postgres.create();
    const store = await openStore({ dataDir: target.dataDir, databaseUrl: target.databaseUrl });
    try {
      assert.deepEqual((await sql<{ n: number }>`select 9007199254740991::bigint as n`.execute(store.db)).rows, [{ n: 9007199254740991 }]);
      await assert.rejects(sql`select 9007199254740993::bigint as n`.execute(store.db), RangeError);
      // The pool is still healthy afterwards.
      assert.deepEqual((await sql<{ n: number }>`select 1::bigint as n`.execute(store.db)).rows, [{ n: 1 }]);
    } finally {
      await store.close();
      await target.cleanup();
    }
  });

  it('a connection failure names the server without its password', async () => {
    await assert.rejects(openStore({ dataDir: '/nonexistent', databaseUrl: 'postgres://someone:hunter2@127.0.0.1:1/test?schema=x' }), (error: Error) => {
      assert.match(error.message, /cannot connect to PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/test/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
  });
});

describe('PostgreSQL URL parsing', () => {
  it('moves ?schema= into the options startup parameter', () => {
    const t = parsePostgresUrl('postgres://root@127.0.0.1:5432/test?schema=sr_a&sslmode=disable');
    assert.equal(t.schema, 'sr_a');
    const u = new URL(t.connectionString);
    assert.equal(u.searchParams.get('schema'), null);
    assert.equal(u.searchParams.get('options'), '-c search_path=sr_a');
    assert.equal(u.searchParams.get('sslmode'), 'disable');
    assert.match(t.connectionString, /options=-c%20search_path%3Dsr_a/, 'spaces as %20, which libpq tools decode (not +)');
  });

  it('keeps existing options and lets the option override the URL', () => {
    const t = parsePostgresUrl('postgresql://h/db?schema=ignored&options=-c%20statement_timeout%3D5000', 'chosen');
    assert.equal(t.schema, 'chosen');
    assert.equal(new URL(t.connectionString).searchParams.get('options'), '-c statement_timeout=5000 -c search_path=chosen');
  });

  it('rejects schema names that would need quoting', () => {
    for (const bad of ['Upper', '1abc', 'a-b', 'a;drop', '', 'x'.repeat(64)]) {
      assert.throws(() => parsePostgresUrl(`postgres://h/db?schema=${encodeURIComponent(bad)}`), /invalid PostgreSQL schema name/, bad);
    }
  });

  it('rejects a schema together with a search_path in options', () => {
    assert.throws(() => parsePostgresUrl('postgres://h/db?schema=a&options=-c%20search_path%3Db'), /both a schema and a search_path/);
  });

  it('hides passwords in the redacted form', () => {
    assert.equal(parsePostgresUrl('postgres://u:secret@h:5432/db?schema=s').redacted, 'postgres://u:***@h:5432/db?schema=s');
    assert.doesNotMatch(parsePostgresUrl('postgres://u@h/db?password=secret').redacted, /secret/);
  });

  it('leaves a URL without a schema alone', () => {
    const t = parsePostgresUrl('postgres://root@127.0.0.1:5432/test');
    assert.equal(t.schema, undefined);
    assert.equal(t.connectionString, 'postgres://root@127.0.0.1:5432/test');
  });

  it('parses int8 text into safe integers only', () => {
    assert.equal(parseInt8('-9007199254740991'), -9007199254740991);
    assert.throws(() => parseInt8('9007199254740992'), RangeError);
  });
});
