/**
 * Due work that must be done exactly once although every process runs the
 * same scheduled task. Each batch is one transaction that selects due rows
 * `FOR UPDATE SKIP LOCKED` (PostgreSQL: a row another process is handling is
 * skipped, not waited for, and under READ COMMITTED a row that process has
 * already committed as no longer due is re-checked and left out) and hands
 * them to `handle`, which must, in that same transaction, make each row no
 * longer due. The claim and the work commit together: a crash or an error
 * rolls both back and the rows are due again at the next tick. On SQLite a
 * transaction holds the database's write lock, which gives the same result.
 *
 *   scheduler.every('kms.key-deletion', 60_000, (now) =>
 *     claimDue(store, {
 *       due: (trx) => trx.selectFrom('kms_keys').selectAll()
 *         .where('state', '=', 'PendingDeletion').where('deletion_at', '<=', now.getTime()).orderBy('deletion_at'),
 *       handle: async (rows, trx) => { for (const row of rows) await deleteKey(trx, row); },
 *     }).then(() => undefined));
 */
import type { SelectQueryBuilder, Transaction } from 'kysely';
import { StoreMisuseError } from '../storage/errors.ts';
import type { Store } from '../storage/store.ts';
import type { Database } from '../storage/types.ts';

export interface ClaimDueOptions<R> {
  /**
   * The due rows, in the order to handle them, from ONE table (the lock
   * covers every table in the FROM list), without limit or locking clauses.
   */
  due: (trx: Transaction<Database>) => SelectQueryBuilder<any, any, R>;
  /**
   * Handles one claimed batch inside the claiming transaction. Must leave
   * none of `rows` due (delete them, or move their due time or state), or
   * they are claimed again. A row that keeps failing should record that
   * (and back off) rather than throw, since a throw rolls back the batch.
   */
  handle: (rows: R[], trx: Transaction<Database>) => Promise<void>;
  /** Rows per transaction (default 50). */
  batchSize?: number;
  /** Most batches per call, a bound on one tick's work (default 100). */
  maxBatches?: number;
}

/** Claims and handles due rows batch by batch until none are left (or `maxBatches`); resolves to the number handled. */
export async function claimDue<R>(store: Store, options: ClaimDueOptions<R>): Promise<number> {
  const batchSize = options.batchSize ?? 50;
  const maxBatches = options.maxBatches ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (store.current() !== store.db) {
    throw new StoreMisuseError('claimDue() runs its own transactions, one per batch: call it outside store.transaction()');
  }
  let handled = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const claimed = await store.transaction(async (trx) => {
      const rows = await store.forUpdateSkipLocked(options.due(trx).limit(batchSize)).execute();
      if (rows.length > 0) await options.handle(rows, trx);
      return rows.length;
    });
    handled += claimed;
    if (claimed < batchSize) break;
  }
  return handled;
}
