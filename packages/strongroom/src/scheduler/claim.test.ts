import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely, Transaction } from 'kysely';
import { pino } from 'pino';
import { StoreMisuseError } from '../storage/errors.ts';
import { migrationContext } from '../storage/migrations/migration.ts';
import { openStore, type Store } from '../storage/store.ts';
import type { Database } from '../storage/types.ts';
import { testStoreEngines, type TestStoreTarget } from '../testing/test-stores.ts';
import { claimDue } from './claim.ts';
import { Scheduler } from './scheduler.ts';

interface JobRow {
  id: string;
  due_at: number;
  handled_count: number;
  handled_by: string | null;
}

/** The scratch table is not part of Database: tests reach it untyped. */
const untyped = (db: Kysely<Database>): Kysely<any> => db as unknown as Kysely<any>;

async function createJobs(store: Store, dueAt: (i: number) => number, count: number): Promise<void> {
  const db = untyped(store.db);
  const { types: t, createTable } = migrationContext(db, store.engine);
  await createTable('claim_jobs')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('due_at', t.epochMs, (c) => c.notNull())
    .addColumn('handled_count', t.epochMs, (c) => c.notNull().defaultTo(0))
    .addColumn('handled_by', t.text)
    .execute();
  const rows = Array.from({ length: count }, (_, i) => ({ id: `job-${String(i).padStart(4, '0')}`, due_at: dueAt(i) }));
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('claim_jobs').values(rows.slice(i, i + 100)).execute();
}

/** Due: due_at <= now. Handling moves the row far into the future and counts the handling. */
function jobs(now: number, by: string, hooks: { beforeHandle?: (rows: JobRow[]) => Promise<void> } = {}) {
  return {
    due: (trx: Transaction<Database>) =>
      untyped(trx).selectFrom('claim_jobs').selectAll().where('due_at', '<=', now).orderBy('due_at').orderBy('id').$castTo<JobRow>(),
    handle: async (rows: JobRow[], trx: Transaction<Database>) => {
      await hooks.beforeHandle?.(rows);
      await untyped(trx)
        .updateTable('claim_jobs')
        .set((eb) => ({ due_at: Number.MAX_SAFE_INTEGER, handled_count: eb('handled_count', '+', 1), handled_by: by }))
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    },
  };
}

async function allJobs(store: Store): Promise<JobRow[]> {
  return untyped(store.db).selectFrom('claim_jobs').selectAll().orderBy('id').execute() as Promise<JobRow[]>;
}

for (const engine of testStoreEngines()) {
  describe(`claimDue [${engine.engine}]`, { skip: engine.skip, timeout: 60_000 }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function target(): Promise<TestStoreTarget> {
      const created = await engine.create();
      cleanups.push(() => created.cleanup());
      return created;
    }

    async function open(on: TestStoreTarget): Promise<Store> {
      const store = await openStore(on);
      cleanups.push(() => store.close());
      return store;
    }

    it('handles every due row once, in batches, and leaves rows that are not due', async () => {
      const store = await open(await target());
      await createJobs(store, (i) => (i < 10 ? 1_000 + i : 5_000), 12);
      const batches: number[] = [];
      const handled = await claimDue(store, { ...jobs(2_000, 'a', { beforeHandle: async (rows) => void batches.push(rows.length) }), batchSize: 3 });
      assert.equal(handled, 10);
      assert.deepEqual(batches, [3, 3, 3, 1]);
      const rows = await allJobs(store);
      assert.deepEqual(
        rows.map((r) => r.handled_count),
        [...Array(10).fill(1), 0, 0],
      );
      assert.equal(await claimDue(store, jobs(2_000, 'a')), 0, 'nothing is due any more');
    });

    it('stops after maxBatches, so one tick does bounded work', async () => {
      const store = await open(await target());
      await createJobs(store, () => 1, 10);
      assert.equal(await claimDue(store, { ...jobs(2, 'a'), batchSize: 2, maxBatches: 2 }), 4);
      assert.equal(await claimDue(store, { ...jobs(2, 'a'), batchSize: 2 }), 6);
    });

    it('a failing batch rolls back with its claim: the rows stay due', async () => {
      const store = await open(await target());
      await createJobs(store, () => 1, 4);
      const failing = jobs(2, 'a');
      await assert.rejects(
        claimDue(store, {
          due: failing.due,
          handle: async (rows, trx) => {
            await failing.handle(rows, trx);
            throw new Error('handler failed');
          },
          batchSize: 10,
        }),
        /handler failed/,
      );
      assert.deepEqual(
        (await allJobs(store)).map((r) => r.handled_count),
        [0, 0, 0, 0],
      );
      assert.equal(await claimDue(store, jobs(2, 'a')), 4);
    });

    it('refuses to run inside a transaction', async () => {
      const store = await open(await target());
      await createJobs(store, () => 1, 1);
      await assert.rejects(
        store.transaction(() => claimDue(store, jobs(2, 'a'))),
        StoreMisuseError,
      );
    });

    if (engine.engine !== 'postgres') return;

    it('skips rows another process holds instead of waiting for them', async () => {
      const on = await target();
      const a = await open(on);
      const b = await open(on);
      await createJobs(a, (i) => i, 10);
      let claimedByA: string[] = [];
      let releaseA!: () => void;
      const aHolds = new Promise<void>((resolve) => (releaseA = resolve));
      let aClaimed!: () => void;
      const aHasClaimed = new Promise<void>((resolve) => (aClaimed = resolve));
      const runA = claimDue(a, {
        ...jobs(100, 'a', {
          beforeHandle: async (rows) => {
            claimedByA = rows.map((r) => r.id);
            aClaimed();
            await aHolds;
          },
        }),
        batchSize: 4,
        maxBatches: 1,
      });
      await aHasClaimed;
      try {
        const started = performance.now();
        const byB = claimDue(b, { ...jobs(100, 'b'), batchSize: 4 });
        const waited = await Promise.race([byB.then(() => false), sleep(3_000).then(() => true)]);
        assert.equal(waited, false, 'b waited for a’s locks');
        assert.equal(await byB, 6, 'b handles the six rows a does not hold');
        assert.ok(performance.now() - started < 3_000);
      } finally {
        // Whatever failed above, a's transaction must end or the store cannot close.
        releaseA();
      }
      assert.equal(await runA, 4);
      const rows = await allJobs(a);
      assert.deepEqual(
        rows.filter((r) => r.handled_by === 'a').map((r) => r.id),
        claimedByA,
      );
      assert.ok(rows.every((r) => r.handled_count === 1));
    });

    it('two schedulers in two processes racing over the same due rows handle each exactly once', async () => {
      const on = await target();
      const stores = [await open(on), await open(on)];
      const count = 300;
      await createJobs(stores[0]!, (i) => i, count);
      const log = pino({ level: 'silent' });
      const schedulers = stores.map((store, n) => {
        const scheduler = new Scheduler({ log, jitter: 0.5 });
        scheduler.every('jobs', 5, () =>
          claimDue(store, {
            // Sleeping with the rows locked lets the other process's claims interleave.
            ...jobs(count, `p${n}`, { beforeHandle: () => sleep(2) }),
            batchSize: 7,
          }).then(() => undefined),
        );
        return scheduler;
      });
      try {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const rows = await allJobs(stores[0]!);
          if (rows.every((r) => r.handled_count > 0)) break;
          if (Date.now() > deadline) throw new Error('the rows were not all handled in time');
          await sleep(20);
        }
        // Let any straggling tick finish before counting.
        await Promise.all(schedulers.map((s) => s.stop()));
        const rows = await allJobs(stores[0]!);
        assert.equal(rows.length, count);
        assert.deepEqual(
          rows.filter((r) => r.handled_count !== 1).map((r) => [r.id, r.handled_count]),
          [],
          'every row handled exactly once',
        );
        const byProcess = new Map<string, number>();
        for (const row of rows) byProcess.set(row.handled_by!, (byProcess.get(row.handled_by!) ?? 0) + 1);
        assert.equal(byProcess.size, 2, `both processes took part: ${JSON.stringify([...byProcess])}`);
      } finally {
        await Promise.all(schedulers.map((s) => s.stop()));
      }
    });
  });
}
