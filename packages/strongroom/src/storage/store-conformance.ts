/**
 * The one conformance suite every Store implementation runs (sqlite.test.ts,
 * postgres.test.ts). A new engine is done when this passes unchanged.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { randomBytes } from '../crypto/primitives.ts';
import { ForeignKeyViolationError, StoreMisuseError, UniqueViolationError } from './errors.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
import { migrationContext } from './migrations/migration.ts';
import { openStore, type OpenStoreOptions, type Store } from './store.ts';

export interface ConformanceTarget {
  options: OpenStoreOptions;
  cleanup(): Promise<void>;
}

export interface ConformanceEngine {
  name: string;
  skip: false | string;
  /** A fresh, empty location each call; it may be opened several times. */
  create(): Promise<ConformanceTarget>;
}

const A = '111111111111';
const B = '222222222222';

export function runStoreConformance(engine: ConformanceEngine): void {
  describe(`Store conformance [${engine.name}]`, { skip: engine.skip }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function fresh(): Promise<{ store: Store; target: ConformanceTarget }> {
      const target = await engine.create();
      const store = await openStore(target.options);
      cleanups.push(() => target.cleanup(), () => store.close());
      return { store, target };
    }

    /** A fresh store with a scratch table (created with the migrations' portable types). */
    async function withScratch(): Promise<{ store: Store; scratch: Kysely<any> }> {
      const { store } = await fresh();
      const db = store.db as unknown as Kysely<any>;
      const { types: t, createTable } = migrationContext(db, store.engine);
      await createTable('conformance_scratch')
        .addColumn('account_id', t.text, (c) => c.notNull())
        .addColumn('id', t.text, (c) => c.notNull())
        .addColumn('n', t.epochMs, (c) => c.notNull().defaultTo(0))
        .addColumn('data', t.binary)
        .addColumn('flag', t.bool, (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('conformance_scratch_pk', ['account_id', 'id'])
        .execute();
      return { store, scratch: db };
    }

    it('applies every migration and records the schema version', async () => {
      const { store } = await fresh();
      assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
      const rows = await store.db.selectFrom('schema_migrations').select(['version', 'name', 'applied_at']).orderBy('version').execute();
      assert.deepEqual(
        rows.map((r) => [r.version, r.name]),
        MIGRATIONS.map((m) => [m.version, m.name]),
      );
      assert.equal(typeof rows[0].applied_at, 'number');
      for (const table of ['strongroom_meta', 'accounts', 'iam_users', 'access_keys'] as const) {
        assert.deepEqual(await store.db.selectFrom(table).selectAll().execute(), [], table);
      }
    });

    it('reopening applies nothing again and keeps the data', async () => {
      const target = await engine.create();
      cleanups.push(() => target.cleanup());
      const first = await openStore(target.options);
      await first.db.insertInto('accounts').values({ account_id: A, created_at: 1 }).execute();
      const before = await first.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
      await first.close();

      const second = await openStore(target.options);
      try {
        assert.deepEqual(await second.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute(), before);
        assert.deepEqual(await second.db.selectFrom('accounts').selectAll().execute(), [{ account_id: A, created_at: 1 }]);
      } finally {
        await second.close();
      }
    });

    it('concurrent opens of one empty database apply each migration exactly once', async () => {
      const target = await engine.create();
      cleanups.push(() => target.cleanup());
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(target.options)));
      try {
        const rows = await stores[0].db.selectFrom('schema_migrations').select('version').execute();
        assert.equal(rows.length, MIGRATIONS.length);
        for (const store of stores) assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('a transaction commits all its writes', async () => {
      const { store } = await fresh();
      const result = await store.transaction(async (trx) => {
        await trx.insertInto('accounts').values({ account_id: A, created_at: 1 }).execute();
        await trx.insertInto('iam_users').values(user(A, 'alice', 'AIDA1')).execute();
        return 'done';
      });
      assert.equal(result, 'done');
      assert.equal((await store.db.selectFrom('iam_users').selectAll().execute()).length, 1);
    });

    it('a throwing transaction rolls back every write and rethrows the same error', async () => {
      const { store } = await fresh();
      const boom = new Error('boom');
      await assert.rejects(
        store.transaction(async (trx) => {
          await trx.insertInto('accounts').values({ account_id: A, created_at: 1 }).execute();
          await trx.insertInto('iam_users').values(user(A, 'alice', 'AIDA1')).execute();
          await trx.insertInto('strongroom_meta').values({ key: 'k', value: 'v' }).execute();
          throw boom;
        }),
        (error) => error === boom,
      );
      assert.deepEqual(await store.db.selectFrom('accounts').selectAll().execute(), []);
      assert.deepEqual(await store.db.selectFrom('iam_users').selectAll().execute(), []);
      assert.deepEqual(await store.db.selectFrom('strongroom_meta').selectAll().execute(), []);
    });

    it('a failing statement rolls back the whole transaction and the store stays usable', async () => {
      const { store } = await fresh();
      await store.db.insertInto('accounts').values({ account_id: A, created_at: 1 }).execute();
      await assert.rejects(
        store.transaction(async (trx) => {
          await trx.insertInto('strongroom_meta').values({ key: 'k', value: 'v' }).execute();
          await trx.insertInto('accounts').values({ account_id: A, created_at: 2 }).execute();
        }),
        UniqueViolationError,
      );
      assert.deepEqual(await store.db.selectFrom('strongroom_meta').selectAll().execute(), []);
      await store.transaction((trx) => trx.insertInto('strongroom_meta').values({ key: 'k', value: 'v2' }).execute());
      assert.deepEqual(await store.db.selectFrom('strongroom_meta').selectAll().execute(), [{ key: 'k', value: 'v2' }]);
    });

    it('binary columns round-trip byte-exactly as Buffers', async () => {
      const { scratch } = await withScratch();
      const backing = randomBytes(300);
      const values: Record<string, Uint8Array> = {
        empty: Buffer.alloc(0),
        zero: Buffer.from([0]),
        zeros: Buffer.alloc(1000),
        inner_zeros: Buffer.from([1, 0, 0, 2, 0, 3, 0]),
        all_bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        random_64k: randomBytes(64 * 1024),
        zeros_64k: Buffer.alloc(64 * 1024),
        // A view into a larger buffer: only the view's bytes may be stored.
        view: new Uint8Array(backing.buffer, backing.byteOffset + 10, 100),
        invalid_utf8: Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
      };
      for (const [id, data] of Object.entries(values)) {
        await scratch.insertInto('conformance_scratch').values({ account_id: A, id, data }).execute();
      }
      const rows = await scratch.selectFrom('conformance_scratch').select(['id', 'data']).execute();
      assert.equal(rows.length, Object.keys(values).length);
      for (const row of rows) {
        assert.ok(Buffer.isBuffer(row.data), `${row.id} comes back as a Buffer`);
        assert.ok(Buffer.from(values[row.id]).equals(row.data), `${row.id} round-trips`);
      }
    });

    it('epoch-millisecond integers round-trip as JS numbers', async () => {
      const { store, scratch } = await withScratch();
      const values = [0, 1, -1, Date.now(), 4_102_444_800_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
      for (const [i, n] of values.entries()) await scratch.insertInto('conformance_scratch').values({ account_id: A, id: `v${i}`, n }).execute();
      const rows = await scratch.selectFrom('conformance_scratch').select(['id', 'n']).orderBy('id').execute();
      for (const [i, n] of values.entries()) {
        const row = rows.find((r) => r.id === `v${i}`);
        assert.ok(row);
        assert.equal(typeof row.n, 'number');
        assert.equal(row.n, n);
      }
      const { count } = await store.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      assert.equal(count, 0, 'count(*) is a number');
      await store.db.insertInto('accounts').values({ account_id: A, created_at: 1_700_000_000_123 }).execute();
      assert.deepEqual(await store.db.selectFrom('accounts').selectAll().execute(), [{ account_id: A, created_at: 1_700_000_000_123 }]);
    });

    it('booleans are stored as 0 and 1', async () => {
      const { scratch } = await withScratch();
      await scratch.insertInto('conformance_scratch').values([{ account_id: A, id: 't', flag: 1 }, { account_id: A, id: 'f', flag: 0 }]).execute();
      const rows = await scratch.selectFrom('conformance_scratch').select(['id', 'flag']).where('flag', '=', 1).execute();
      assert.deepEqual(rows, [{ id: 't', flag: 1 }]);
    });

    it('a value of the wrong type for its column is rejected', async () => {
      const { store } = await fresh();
      await assert.rejects(store.db.insertInto('accounts').values({ account_id: A, created_at: 'yesterday' as unknown as number }).execute());
    });

    it('unique and primary-key violations surface as UniqueViolationError', async () => {
      const { store } = await fresh();
      await store.db.insertInto('accounts').values({ account_id: A, created_at: 1 }).execute();
      await assert.rejects(store.db.insertInto('accounts').values({ account_id: A, created_at: 2 }).execute(), (error) => {
        assert.ok(error instanceof UniqueViolationError);
        assert.equal(error.table, 'accounts');
        return true;
      });
      await store.db.insertInto('iam_users').values(user(A, 'alice', 'AIDA1')).execute();
      await assert.rejects(store.db.insertInto('iam_users').values(user(A, 'bob', 'AIDA1')).execute(), UniqueViolationError);
      // IAM names are unique regardless of case.
      await assert.rejects(store.db.insertInto('iam_users').values(user(A, 'ALICE', 'AIDA2')).execute(), UniqueViolationError);
    });

    it('foreign key violations surface as ForeignKeyViolationError', async () => {
      const { store } = await fresh();
      await assert.rejects(store.db.insertInto('iam_users').values(user(A, 'alice', 'AIDA1')).execute(), ForeignKeyViolationError);
    });

    it('renaming a user carries its access keys along (ON UPDATE CASCADE)', async () => {
      const { store } = await fresh();
      await store.db.insertInto('accounts').values({ account_id: A, created_at: 1 }).execute();
      await store.db.insertInto('iam_users').values(user(A, 'alice', 'AIDA1')).execute();
      await store.db.insertInto('access_keys').values(key('AKIA1', A, 'alice')).execute();
      await store.db.updateTable('iam_users').set({ user_name: 'alicia' }).where('user_id', '=', 'AIDA1').execute();
      assert.deepEqual(await store.db.selectFrom('access_keys').select('user_name').execute(), [{ user_name: 'alicia' }]);
    });

    it('50 concurrent read-modify-write transactions lose no update', async () => {
      const { store, scratch } = await withScratch();
      await scratch.insertInto('conformance_scratch').values({ account_id: A, id: 'counter', n: 0 }).execute();
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.transaction(async (trx) => {
            const db = trx as unknown as Kysely<any>;
            const row = await store
              .forUpdate(db.selectFrom('conformance_scratch').select('n').where('account_id', '=', A).where('id', '=', 'counter'))
              .executeTakeFirstOrThrow();
            await new Promise((resolve) => setImmediate(resolve));
            await db.updateTable('conformance_scratch').set({ n: row.n + 1 }).where('account_id', '=', A).where('id', '=', 'counter').execute();
          }),
        ),
      );
      const { n } = await scratch.selectFrom('conformance_scratch').select('n').where('id', '=', 'counter').executeTakeFirstOrThrow();
      assert.equal(n, 50);
    });

    it('50 concurrent atomic increments lose no update', async () => {
      const { store, scratch } = await withScratch();
      await scratch.insertInto('conformance_scratch').values({ account_id: A, id: 'counter', n: 0 }).execute();
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.transaction((trx) =>
            (trx as unknown as Kysely<any>)
              .updateTable('conformance_scratch')
              .set((eb) => ({ n: eb('n', '+', 1) }))
              .where('id', '=', 'counter')
              .execute(),
          ),
        ),
      );
      const { n } = await scratch.selectFrom('conformance_scratch').select('n').where('id', '=', 'counter').executeTakeFirstOrThrow();
      assert.equal(n, 50);
    });

    it('rows are separated by account', async () => {
      const { store } = await fresh();
      await store.db.insertInto('accounts').values([{ account_id: A, created_at: 1 }, { account_id: B, created_at: 1 }]).execute();
      await store.db.insertInto('iam_users').values([user(A, 'admin', 'AIDAA'), user(B, 'admin', 'AIDAB'), user(B, 'other', 'AIDAC')]).execute();
      const inA = await store.db.selectFrom('iam_users').select(['user_name', 'user_id']).where('account_id', '=', A).execute();
      const inB = await store.db.selectFrom('iam_users').select('user_id').where('account_id', '=', B).orderBy('user_id').execute();
      assert.deepEqual(inA, [{ user_name: 'admin', user_id: 'AIDAA' }]);
      assert.deepEqual(inB, [{ user_id: 'AIDAB' }, { user_id: 'AIDAC' }]);
    });

    it('store.db inside a transaction fails loudly; nested transactions join; afterCommit waits for the commit', async () => {
      const { store } = await fresh();
      const events: string[] = [];
      let outside: Promise<unknown> = Promise.resolve();
      await store.transaction(async (trx) => {
        await assert.rejects(store.db.selectFrom('accounts').selectAll().execute(), StoreMisuseError);
        assert.equal(store.current(), trx);
        await store.transaction(async (inner) => {
          assert.equal(inner, trx);
          await inner.insertInto('accounts').values({ account_id: A, created_at: 1 }).execute();
        });
        store.afterCommit(() => events.push('after-commit'));
        events.push('end-of-callback');
        // Deliberate work outside the transaction is allowed (and on SQLite waits for the commit).
        outside = store.outsideTransaction(() => store.db.selectFrom('accounts').selectAll().execute()).then((rows) => events.push(`outside saw ${rows.length}`));
      });
      assert.deepEqual(events.slice(0, 2), ['end-of-callback', 'after-commit']);
      assert.equal(store.current(), store.db);
      await assert.rejects(
        store.transaction(async () => {
          store.afterCommit(() => events.push('never'));
          throw new Error('rollback');
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(!events.includes('never'));
      assert.equal((await store.db.selectFrom('accounts').selectAll().execute()).length, 1);
      await outside;
    });
  });
}

function user(accountId: string, userName: string, userId: string) {
  return { account_id: accountId, user_name: userName, user_id: userId, path: '/', arn: `arn:aws:iam::${accountId}:user/${userName}`, created_at: 1 };
}

function key(accessKeyId: string, accountId: string, userName: string) {
  return { access_key_id: accessKeyId, account_id: accountId, user_name: userName, status: 'Active' as const, secret_sealed: Buffer.from([1]), created_at: 1, last_used_at: null };
}
