/**
 * The change feed: "row `id` of `topic` changed", delivered after the change
 * commits to every store open on the same database — in this process and,
 * on PostgreSQL, in every other process — so in-memory caches can drop the
 * entry. Messages say only what changed, never the new value: a subscriber
 * reloads from the database if it needs it.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../types.ts';

export interface ChangeFeed {
  /**
   * Announces a change. Inside `store.transaction()` it is delivered only if
   * and after that transaction commits; outside one, immediately. The
   * publishing process's own subscribers run synchronously right after the
   * commit (before `transaction()` resolves), other processes' shortly after.
   */
  publish(topic: string, id: string): void;
  /** Calls `listener(id)` for every change published on `topic`. Returns the unsubscribe function. */
  subscribe(topic: string, listener: (id: string) => void): () => void;
  /**
   * Calls `listener` when changes may have been missed (the PostgreSQL LISTEN
   * connection dropped and has been re-established): a cache must then drop
   * everything. Returns the unsubscribe function.
   */
  onReset(listener: () => void): () => void;
  /** Stops listening; waits for notifications still being sent. After close, publish reaches only this store's own subscribers. */
  close(): Promise<void>;
}

/** What a change feed needs from the store's transaction machinery. */
export interface TransactionHooks {
  /** The transaction of the running `store.transaction()` callback, or undefined outside one. */
  transaction(): Transaction<Database> | undefined;
  /** Inside a transaction only: runs `fn` in it just before COMMIT; a rejection rolls the transaction back. */
  beforeCommit(fn: () => Promise<void>): void;
  /** `store.afterCommit`. */
  afterCommit(fn: () => void): void;
  /** `store.outsideTransaction`. */
  outsideTransaction<T>(fn: () => T): T;
}

/** Longest topic accepted; ids are bounded only by the PostgreSQL payload limit. */
export const MAX_TOPIC_LENGTH = 200;

export function checkTopic(topic: string): void {
  if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) {
    throw new RangeError(`a change topic must be a non-empty string of at most ${MAX_TOPIC_LENGTH} characters`);
  }
}

interface Subscription {
  listener: (id: string) => void;
}

/** This process's subscribers of one feed. A throwing listener is reported and does not stop the others. */
export class ChangeFanout {
  readonly #topics = new Map<string, Set<Subscription>>();
  readonly #resets = new Set<Subscription>();
  readonly #onError: (error: Error) => void;

  constructor(onError: (error: Error) => void) {
    this.#onError = onError;
  }

  subscribe(topic: string, listener: (id: string) => void): () => void {
    checkTopic(topic);
    const subscription: Subscription = { listener };
    let set = this.#topics.get(topic);
    if (!set) {
      set = new Set();
      this.#topics.set(topic, set);
    }
    set.add(subscription);
    return () => {
      const current = this.#topics.get(topic);
      if (!current?.delete(subscription)) return;
      if (current.size === 0) this.#topics.delete(topic);
    };
  }

  onReset(listener: () => void): () => void {
    const subscription: Subscription = { listener: () => listener() };
    this.#resets.add(subscription);
    return () => {
      this.#resets.delete(subscription);
    };
  }

  deliver(topic: string, id: string): void {
    const set = this.#topics.get(topic);
    if (set) this.#call([...set], id, `a change-feed listener for "${topic}" failed`);
  }

  reset(): void {
    this.#call([...this.#resets], '', 'a change-feed reset listener failed');
  }

  #call(subscriptions: Subscription[], id: string, what: string): void {
    for (const { listener } of subscriptions) {
      try {
        listener(id);
      } catch (error) {
        this.#onError(new Error(`${what}: ${(error as Error)?.message ?? error}`, { cause: error }));
      }
    }
  }
}

/** What `invalidateOnChange` needs of a cache; `LoadingCache<string, V>` fits. */
export interface InvalidatableCache {
  invalidate(id: string): void;
  clear(): void;
}

/**
 * Keeps `cache` (keyed by the ids published on `topic`) consistent across
 * processes: drops an entry when its id changes, everything on a reset.
 * Returns the function that undoes both subscriptions.
 */
export function invalidateOnChange(changes: ChangeFeed, topic: string, cache: InvalidatableCache): () => void {
  const offChange = changes.subscribe(topic, (id) => cache.invalidate(id));
  const offReset = changes.onReset(() => cache.clear());
  return () => {
    offChange();
    offReset();
  };
}
