/**
 * The hot path's memory: keys (metadata and unsealed material versions) and
 * alias → key id mappings, so Encrypt and Decrypt do not touch the database
 * while nothing changed. Bounded (LRU), with a TTL as a backstop; every
 * change invalidates through a KeyCacheInvalidator after its transaction
 * commits. The in-process invalidator drops entries in this process; a
 * PostgreSQL LISTEN/NOTIFY invalidator can fan the same calls out to every
 * server process sharing the database.
 */
import { LoadingCache, type LoadingCacheOptions } from '../../../storage/loading-cache.ts';
import type { Store } from '../../../storage/store.ts';
import type { KeyScope, LoadedKey } from './types.ts';

/** Cache entry ids: "<account>/<region>/<key id>" or "<account>/<region>/alias/<name>". */
export function keyCacheId(scope: KeyScope, keyIdOrAliasName: string): string {
  return `${scope.accountId}/${scope.region}/${keyIdOrAliasName}`;
}

export function parseKeyCacheId(id: string): { scope: KeyScope; name: string } {
  const first = id.indexOf('/');
  const second = id.indexOf('/', first + 1);
  return { scope: { accountId: id.slice(0, first), region: id.slice(first + 1, second) }, name: id.slice(second + 1) };
}

export interface KeyCacheInvalidator {
  /** Drops the entry (see keyCacheId) from every subscribed cache: in this process, and for a distributed implementation, in all. */
  invalidate(id: string): void;
  /** Registers a cache; returns the unsubscribe function. */
  subscribe(listener: (id: string) => void): () => void;
}

export class InProcessKeyCacheInvalidator implements KeyCacheInvalidator {
  readonly #listeners = new Set<(id: string) => void>();

  invalidate(id: string): void {
    for (const listener of this.#listeners) listener(id);
  }

  subscribe(listener: (id: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export interface KeyCacheLoaders {
  loadKey(scope: KeyScope, keyId: string): Promise<LoadedKey | undefined>;
  loadAliasTarget(scope: KeyScope, aliasName: string): Promise<string | undefined>;
}

export class KeyCache {
  readonly #store: Store;
  readonly #loaders: KeyCacheLoaders;
  readonly #invalidator: KeyCacheInvalidator;
  readonly #keys: LoadingCache<string, LoadedKey>;
  readonly #aliases: LoadingCache<string, string>;

  constructor(store: Store, loaders: KeyCacheLoaders, invalidator: KeyCacheInvalidator, options: LoadingCacheOptions = {}) {
    this.#store = store;
    this.#loaders = loaders;
    this.#invalidator = invalidator;
    this.#keys = new LoadingCache((id) => {
      const { scope, name } = parseKeyCacheId(id);
      return loaders.loadKey(scope, name);
    }, options);
    this.#aliases = new LoadingCache((id) => {
      const { scope, name } = parseKeyCacheId(id);
      return loaders.loadAliasTarget(scope, name);
    }, options);
    invalidator.subscribe((id) => this.#drop(id));
  }

  /** Served from memory outside transactions; inside one it reads through the transaction (the cache holds committed state only). */
  getKey(scope: KeyScope, keyId: string): Promise<LoadedKey | undefined> {
    if (this.#inTransaction()) return this.#loaders.loadKey(scope, keyId);
    return this.#keys.get(keyCacheId(scope, keyId));
  }

  getAliasTarget(scope: KeyScope, aliasName: string): Promise<string | undefined> {
    if (this.#inTransaction()) return this.#loaders.loadAliasTarget(scope, aliasName);
    return this.#aliases.get(keyCacheId(scope, aliasName));
  }

  /** Drops the entry now (discarding loads in flight) and everywhere once the current transaction commits. */
  invalidateAfterCommit(scope: KeyScope, keyIdOrAliasName: string): void {
    const id = keyCacheId(scope, keyIdOrAliasName);
    this.#drop(id);
    this.#store.afterCommit(() => this.#invalidator.invalidate(id));
  }

  /** Drops the entry from this process's cache only (e.g. to reload a key another process rotated). */
  forget(scope: KeyScope, keyIdOrAliasName: string): void {
    this.#drop(keyCacheId(scope, keyIdOrAliasName));
  }

  clear(): void {
    this.#keys.clear();
    this.#aliases.clear();
  }

  get size(): number {
    return this.#keys.size + this.#aliases.size;
  }

  #drop(id: string): void {
    this.#keys.invalidate(id);
    this.#aliases.invalidate(id);
  }

  #inTransaction(): boolean {
    return this.#store.current() !== this.#store.db;
  }
}
