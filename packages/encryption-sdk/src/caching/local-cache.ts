/**
 * The local cryptographic materials cache (specification
 * framework/local-cryptographic-materials-cache.md): an LRU map with an entry
 * capacity and a time-to-live per entry. Several caching CMMs may share one;
 * their partitions keep their entries apart.
 *
 * Entries hold plaintext data keys: an entry's key is zeroed when it leaves
 * the cache (evicted, expired, used up or cleared). Callers receive copies.
 */
import type { DecryptionMaterials, EncryptionMaterials } from '../materials.ts';

export interface EncryptionEntry {
  readonly kind: 'encrypt';
  /** Request fields outside the entry id that must match (see the caching CMM). */
  readonly variant: string;
  readonly materials: EncryptionMaterials;
  readonly expiresAt: number;
  messagesEncrypted: number;
  bytesEncrypted: number;
}

export interface DecryptionEntry {
  readonly kind: 'decrypt';
  readonly variant: string;
  readonly materials: DecryptionMaterials;
  readonly expiresAt: number;
}

export type CacheEntry = EncryptionEntry | DecryptionEntry;

export interface LocalCacheStats {
  readonly entries: number;
  readonly capacity: number;
  /** Entries pushed out because the cache was full (least recently used first). */
  readonly evictions: number;
  /** Entries dropped because they outlived their time-to-live. */
  readonly expirations: number;
}

export interface LocalCacheOptions {
  /** Clock in milliseconds (tests pass a controllable one). */
  readonly now?: () => number;
}

export class LocalCryptographicMaterialsCache {
  readonly capacity: number;
  readonly now: () => number;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  readonly #entries = new Map<string, CacheEntry>();
  #evictions = 0;
  #expirations = 0;

  constructor(capacity = 1000, options: LocalCacheOptions = {}) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity must be a whole number ≥ 1, got ${capacity}`);
    this.capacity = capacity;
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
  }

  /** The live entry for `id`, marked most recently used; expired entries are removed instead. */
  get(id: string): CacheEntry | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#expirations += 1;
      this.delete(id);
      return undefined;
    }
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    return entry;
  }

  put(id: string, entry: CacheEntry): void {
    const previous = this.#entries.get(id);
    if (previous && previous !== entry) this.delete(id);
    this.#entries.set(id, entry);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#evictions += 1;
      this.delete(oldest);
    }
  }

  delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    entry.materials.plaintextDataKey?.fill(0);
  }

  /** Drops every entry (zeroing their keys). */
  clear(): void {
    for (const id of [...this.#entries.keys()]) this.delete(id);
  }

  /** Removes expired entries now (get() also does so lazily). */
  pruneExpired(): number {
    const now = this.now();
    let removed = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#expirations += 1;
        this.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  stats(): LocalCacheStats {
    return { entries: this.#entries.size, capacity: this.capacity, evictions: this.#evictions, expirations: this.#expirations };
  }
}
