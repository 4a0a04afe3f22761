import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testStoreEngines, type TestStoreEngine, type TestStoreTarget } from '../../testing/test-stores.ts';
import { openStore, type Store } from '../store.ts';
import { LoadingCache } from '../loading-cache.ts';
import { ChangeFanout, invalidateOnChange } from './change-feed.ts';
import { changeChannel, PostgresChangeFeed } from './postgres-change-feed.ts';

/** Records what a subscriber received; `until(id)` resolves once `id` has arrived. */
class Received {
  readonly ids: string[] = [];
  readonly #waiters: Array<{ id: string; resolve: () => void }> = [];

  readonly listener = (id: string): void => {
    this.ids.push(id);
    for (const waiter of this.#waiters.filter((w) => w.id === id)) waiter.resolve();
  };

  until(id: string, timeoutMs = 5_000): Promise<void> {
    if (this.ids.includes(id)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`"${id}" not delivered within ${timeoutMs} ms (got ${JSON.stringify(this.ids)})`)), timeoutMs);
      this.#waiters.push({ id, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

function waitForReset(store: Store, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reset')), timeoutMs);
    const off = store.changes.onReset(() => {
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

for (const engine of testStoreEngines()) {
  describe(`change feed [${engine.engine}]`, { skip: engine.skip, timeout: 60_000 }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function target(from: TestStoreEngine = engine): Promise<TestStoreTarget> {
      const created = await from.create();
      cleanups.push(() => created.cleanup());
      return created;
    }

    /** A store as a separate process would open it. */
    async function open(on: TestStoreTarget, errors: Error[] = []): Promise<Store> {
      const store = await openStore({ ...on, onBackgroundError: (error) => errors.push(error) });
      cleanups.push(() => store.close());
      return store;
    }

    it('delivers a change published in a transaction only after it commits, once, here and in the other process', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      const atA = new Received();
      const atB = new Received();
      a.changes.subscribe('key', atA.listener);
      b.changes.subscribe('key', atB.listener);

      await a.transaction(async (trx) => {
        a.changes.publish('key', 'k1');
        await trx.selectFrom('accounts').selectAll().execute();
        assert.deepEqual(atA.ids, [], 'nothing before COMMIT');
      });
      assert.deepEqual(atA.ids, ['k1'], 'the publishing process is consistent as soon as transaction() resolves');
      await atB.until('k1');

      // b's later change arrives at a after a's own echo would have: a must not have seen k1 twice.
      await b.transaction(async () => b.changes.publish('key', 'marker'));
      await atA.until('marker');
      assert.deepEqual(atA.ids, ['k1', 'marker']);
      assert.deepEqual(atB.ids, ['k1', 'marker']);
    });

    it('never delivers a change from a transaction that rolled back', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      const atA = new Received();
      const atB = new Received();
      a.changes.subscribe('key', atA.listener);
      b.changes.subscribe('key', atB.listener);

      await assert.rejects(
        a.transaction(async (trx) => {
          a.changes.publish('key', 'rolled-back');
          await trx.insertInto('accounts').values({ account_id: '111111111111', created_at: 1 }).execute();
          throw new Error('abort');
        }),
        /abort/,
      );
      await a.transaction(async () => a.changes.publish('key', 'committed'));
      await atB.until('committed');
      assert.deepEqual(atA.ids, ['committed']);
      assert.deepEqual(atB.ids, ['committed'], 'notifications arrive in commit order, so a leaked one would be here');
    });

    it('delivers immediately outside a transaction, and after the outer commit when transactions nest', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      const atA = new Received();
      const atB = new Received();
      a.changes.subscribe('key', atA.listener);
      b.changes.subscribe('key', atB.listener);

      a.changes.publish('key', 'now');
      assert.deepEqual(atA.ids, ['now']);
      await atB.until('now');

      await a.transaction(async () => {
        await a.transaction(async () => a.changes.publish('key', 'inner'));
        assert.deepEqual(atA.ids, ['now'], 'the inner call joined the outer transaction, which has not committed yet');
      });
      assert.deepEqual(atA.ids, ['now', 'inner']);
      await atB.until('inner');
    });

    it('sends every change of one transaction, duplicates once, only to subscribers of the topic', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      const keys = new Received();
      const aliases = new Received();
      b.changes.subscribe('key', keys.listener);
      b.changes.subscribe('alias', aliases.listener);
      const unsubscribed = new Received();
      b.changes.subscribe('key', unsubscribed.listener)();

      const ids = Array.from({ length: 50 }, (_, i) => `k${i}`);
      await a.transaction(async () => {
        for (const id of ids) a.changes.publish('key', id);
        a.changes.publish('key', 'k0');
        a.changes.publish('alias', 'alias/x');
        a.changes.publish('key', 'last');
      });
      await keys.until('last');
      await aliases.until('alias/x');
      assert.deepEqual([...keys.ids].sort(), [...ids, 'last'].sort());
      assert.deepEqual(aliases.ids, ['alias/x']);
      assert.deepEqual(unsubscribed.ids, []);
    });

    it('a throwing listener is reported and does not stop the others', async () => {
      const on = await target();
      const errors: Error[] = [];
      const a = await open(on, errors);
      const received = new Received();
      a.changes.subscribe('key', () => {
        throw new Error('listener bug');
      });
      a.changes.subscribe('key', received.listener);
      await a.transaction(async () => a.changes.publish('key', 'k'));
      assert.deepEqual(received.ids, ['k']);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!.message, /listener bug/);
    });

    it('rejects topics and ids that cannot be sent', async () => {
      const a = await open(await target());
      assert.throws(() => a.changes.publish('', 'x'), RangeError);
      assert.throws(() => a.changes.publish('t'.repeat(201), 'x'), RangeError);
      assert.throws(() => a.changes.publish('key', 42 as unknown as string), TypeError);
      if (engine.engine === 'postgres') assert.throws(() => a.changes.publish('key', 'x'.repeat(8000)), /8000 bytes/);
    });

    it('closing one store leaves the other delivering', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      const atA = new Received();
      a.changes.subscribe('key', atA.listener);
      await b.close();
      await a.transaction(async () => a.changes.publish('key', 'after-close'));
      assert.deepEqual(atA.ids, ['after-close']);
    });

    it('invalidateOnChange keeps another process’s cache fresh', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      let loads = 0;
      const cache = new LoadingCache<string, number>(
        async (id) => {
          loads += 1;
          return (await b.db.selectFrom('accounts').select('created_at').where('account_id', '=', id).executeTakeFirst())?.created_at;
        },
        { ttlMs: 3_600_000 },
      );
      invalidateOnChange(b.changes, 'account', cache);
      const seen = new Received();
      b.changes.subscribe('account', seen.listener);

      await a.db.insertInto('accounts').values({ account_id: '111111111111', created_at: 1 }).execute();
      assert.equal(await cache.get('111111111111'), 1);
      assert.equal(await cache.get('111111111111'), 1);
      assert.equal(loads, 1);
      await a.transaction(async (trx) => {
        await trx.updateTable('accounts').set({ created_at: 2 }).where('account_id', '=', '111111111111').execute();
        a.changes.publish('account', '111111111111');
      });
      await seen.until('111111111111');
      assert.equal(await cache.get('111111111111'), 2);
      assert.equal(loads, 2);
    });

    if (engine.engine !== 'postgres') return;

    it('keeps schemas apart: a store never sees another schema’s changes', async () => {
      const one = await target();
      const two = await target();
      assert.notEqual(changeChannel(one.pgSchema!), changeChannel(two.pgSchema!));
      const a = await open(one);
      const other = await open(two);
      const otherWriter = await open(two);
      const atOther = new Received();
      other.changes.subscribe('key', atOther.listener);

      await a.transaction(async () => a.changes.publish('key', 'schema-one'));
      await otherWriter.transaction(async () => otherWriter.changes.publish('key', 'schema-two'));
      await atOther.until('schema-two');
      assert.deepEqual(atOther.ids, ['schema-two'], 'the database delivers in commit order: schema-one would have come first');
    });

    it('re-listens after the LISTEN connection is killed, resets, and delivers again', async () => {
      const on = await target();
      const errors: Error[] = [];
      const a = await open(on, errors);
      const b = await open(on);
      const atA = new Received();
      a.changes.subscribe('key', atA.listener);
      assert.ok(a.changes instanceof PostgresChangeFeed);
      const pid = a.changes.listenerPid;
      assert.equal(typeof pid, 'number');

      const reset = waitForReset(a);
      const { rows } = await sql<{ killed: boolean }>`select pg_terminate_backend(${pid}) as killed`.execute(b.db);
      assert.deepEqual(rows, [{ killed: true }]);
      await reset;
      assert.notEqual(a.changes.listenerPid, undefined);
      assert.notEqual(a.changes.listenerPid, pid);
      assert.ok(errors.some((e) => /connection was lost/.test(e.message)), errors.map((e) => e.message).join('; '));

      await b.transaction(async () => b.changes.publish('key', 'after-reconnect'));
      await atA.until('after-reconnect');
      // The pool was untouched: a's own publishes still work.
      await a.transaction(async () => a.changes.publish('key', 'own'));
      assert.deepEqual(atA.ids, ['after-reconnect', 'own']);
    });

    it('the LISTEN connection works in the store’s schema and is gone after close', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      assert.ok(a.changes instanceof PostgresChangeFeed);
      const pid = a.changes.listenerPid;
      const listening = async () =>
        (await sql<{ n: number }>`select count(*) as n from pg_stat_activity where pid = ${pid}`.execute(b.db)).rows[0]!.n;
      assert.equal(await listening(), 1);
      await a.close();
      for (let i = 0; i < 50 && (await listening()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(await listening(), 0);
    });
  });
}

describe('change channel names', () => {
  it('name the schema, and stay a valid identifier for long names', () => {
    assert.equal(changeChannel('sr_abc'), 'strongroom_changes:sr_abc');
    const long = changeChannel('s'.repeat(63));
    assert.ok(Buffer.byteLength(long) <= 63, long);
    assert.notEqual(long, changeChannel(`${'s'.repeat(62)}t`));
  });
});

describe('ChangeFanout', () => {
  it('unsubscribes only the one subscription, even for the same function twice', () => {
    const fanout = new ChangeFanout((e) => assert.fail(e));
    const got: string[] = [];
    const listener = (id: string) => got.push(id);
    const off = fanout.subscribe('t', listener);
    fanout.subscribe('t', listener);
    fanout.deliver('t', 'a');
    off();
    off();
    fanout.deliver('t', 'b');
    fanout.deliver('other', 'c');
    assert.deepEqual(got, ['a', 'a', 'b']);
  });
});
