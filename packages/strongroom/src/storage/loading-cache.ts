/**
 * A bounded in-memory read-through cache for hot lookups (credentials, key
 * metadata): least-recently-used eviction, a TTL so changes made by other
 * processes are picked up eventually, short-lived negative entries so unknown
 * ids do not hammer the database, and one shared load per key at a time.
 * `invalidate()` also discards a load already in flight, so a value read
 * before a change is never cached after it.
 */
export interface LoadingCacheOptions {
  /** Most entries kept (default 10 000). */
  maxEntries?: number;
  /** How long a found value is served without reloading (default 30 s). */
  ttlMs?: number;
  /** How long "not found" is remembered (default 1 s; 0 disables). */
  negativeTtlMs?: number;
  now?: () => number;
}

interface Entry<V> {
  value: V | undefined;
  expiresAt: number;
  /** #moves when the entry last went to the end of the recency order. */
  movedAt: number;
}

export class LoadingCache<K, V> {
  readonly #load: (key: K) => Promise<V | undefined>;
  readonly #entries = new Map<K, Entry<V>>();
  readonly #inFlight = new Map<K, Promise<V | undefined>>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #negativeTtlMs: number;
  readonly #now: () => number;
  /** Entries put at the end of the recency order so far. */
  #moves = 0;
  readonly #refreshAfter: number;

  constructor(load: (key: K) => Promise<V | undefined>, options: LoadingCacheOptions = {}) {
    this.#load = load;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#negativeTtlMs = options.negativeTtlMs ?? 1_000;
    this.#now = options.now ?? Date.now;
    if (this.#maxEntries < 1) throw new RangeError('maxEntries must be at least 1');
    this.#refreshAfter = Math.max(1, this.#maxEntries >> 1);
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(key: K): Promise<V | undefined> {
    const entry = this.#entries.get(key);
    if (entry) {
      if (entry.expiresAt > this.#now()) {
        // Map order is the recency order. Moving an entry (delete + set) is the
        // costliest part of a hit, so an entry moved within the last
        // maxEntries/2 moves stays put: it is in the newer half, far from
        // eviction, and moves again once it is older than that.
        if (this.#moves - entry.movedAt >= this.#refreshAfter) {
          this.#entries.delete(key);
          this.#entries.set(key, entry);
          entry.movedAt = ++this.#moves;
        }
        return entry.value;
      }
      this.#entries.delete(key);
    }
    const pending = this.#inFlight.get(key);
    if (pending) return pending;

    const load = this.#load(key);
    this.#inFlight.set(key, load);
    try {
      const value = await load;
      if (this.#inFlight.get(key) === load) this.#remember(key, value);
      return value;
    } finally {
      if (this.#inFlight.get(key) === load) this.#inFlight.delete(key);
    }
  }

  invalidate(key: K): void {
    this.#entries.delete(key);
    this.#inFlight.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#inFlight.clear();
  }

  #remember(key: K, value: V | undefined): void {
    const ttl = value === undefined ? this.#negativeTtlMs : this.#ttlMs;
    if (ttl <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttl, movedAt: ++this.#moves });
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as K);
    }
  }
}
