import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { testStoreEngines } from '../testing/test-stores.ts';
import { SQLITE_FILE_NAME } from './sqlite/open-sqlite.ts';
import { runStoreConformance } from './store-conformance.ts';
import { openStore } from './store.ts';

const sqlite = testStoreEngines().find((e) => e.engine === 'sqlite')!;

runStoreConformance({
  name: 'sqlite',
  skip: false,
  async create() {
    const target = await sqlite.create();
    return { options: { dataDir: target.dataDir }, cleanup: target.cleanup };
  },
});

describe('SQLite store specifics', () => {
  it('opens <dataDir>/strongroom.db in WAL mode with full synchronous commits, a busy timeout and foreign keys', async () => {
    const target = await sqlite.create();
    const dataDir = path.join(target.dataDir, 'nested', 'data');
    const store = await openStore({ dataDir });
    try {
      assert.equal(store.engine, 'sqlite');
      assert.equal(store.location, path.join(dataDir, SQLITE_FILE_NAME));
      const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db)).rows[0])[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      assert.equal(await pragma('synchronous'), 2, 'FULL');
      assert.equal(await pragma('foreign_keys'), 1);
      assert.equal(await pragma('busy_timeout'), 10000);
      assert.equal(fs.statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(fs.statSync(store.location).mode & 0o777, 0o600);
    } finally {
      await store.close();
      await target.cleanup();
    }
  });

  it('two stores on one file (two connections, as two processes would be) lose no read-modify-write update', async () => {
    const target = await sqlite.create();
    const [one, two] = await Promise.all([openStore({ dataDir: target.dataDir }), openStore({ dataDir: target.dataDir })]);
    try {
      await one.db.insertInto('strongroom_meta').values({ key: 'counter', value: '0' }).execute();
      const bump = (store: typeof one) =>
        store.transaction(async (trx) => {
          const { value } = await trx.selectFrom('strongroom_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow();
          await new Promise((resolve) => setTimeout(resolve, 1));
          await trx.updateTable('strongroom_meta').set({ value: String(Number(value) + 1) }).where('key', '=', 'counter').execute();
        });
      await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 ? one : two)));
      const { value } = await one.db.selectFrom('strongroom_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow();
      assert.equal(value, '20');
    } finally {
      await one.close();
      await two.close();
      await target.cleanup();
    }
  });

  it('two processes on one file lose no read-modify-write update (BEGIN IMMEDIATE + busy timeout)', async () => {
    const target = await sqlite.create();
    const setup = await openStore({ dataDir: target.dataDir });
    await setup.db.insertInto('strongroom_meta').values({ key: 'counter', value: '0' }).execute();
    await setup.close();
    const script = path.join(target.dataDir, 'bump.mts');
    fs.writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(path.resolve(import.meta.dirname, 'store.ts'))};
const store = await openStore({ dataDir: process.argv[2] });
for (let i = 0; i < 25; i++) {
  await store.transaction(async (trx) => {
    const { value } = await trx.selectFrom('strongroom_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow();
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    await trx.updateTable('strongroom_meta').set({ value: String(Number(value) + 1) }).where('key', '=', 'counter').execute();
  });
}
await store.close();
`,
    );
    const run = () =>
      new Promise<void>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', script, target.dataDir], { cwd: path.resolve(import.meta.dirname, '../..') }, (error, _out, stderr) =>
          error ? reject(new Error(`child failed: ${stderr}`)) : resolve(),
        );
      });
    try {
      await Promise.all([run(), run()]);
      const check = await openStore({ dataDir: target.dataDir });
      const { value } = await check.db.selectFrom('strongroom_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow();
      await check.close();
      assert.equal(value, '50');
    } finally {
      await target.cleanup();
    }
  });

  it('refuses a data store whose schema is newer than this build', async () => {
    const target = await sqlite.create();
    const store = await openStore({ dataDir: target.dataDir });
    await store.db.insertInto('schema_migrations').values({ version: 9999, name: 'future', applied_at: 1 }).execute();
    await store.close();
    await assert.rejects(openStore({ dataDir: target.dataDir }), /schema version 9999, newer than this Strongroom knows/);
    await target.cleanup();
  });

  it('rejects a database URL that is not postgres://', async () => {
    await assert.rejects(openStore({ dataDir: '/nonexistent', databaseUrl: 'mysql://x/y' }), /postgres:\/\//);
  });

  it('keeps the file readable by plain SQLite tools after close (no stray -wal content lost)', async () => {
    const target = await sqlite.create();
    const store = await openStore({ dataDir: target.dataDir });
    await store.db.insertInto('accounts').values({ account_id: '000000000000', created_at: 5 }).execute();
    await store.close();
    const raw = new Sqlite(path.join(target.dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      assert.deepEqual(raw.prepare('select * from accounts').all(), [{ account_id: '000000000000', created_at: 5 }]);
    } finally {
      raw.close();
      await target.cleanup();
    }
  });
});
