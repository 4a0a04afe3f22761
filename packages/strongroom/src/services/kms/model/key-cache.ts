/**
 * The hot path's memory: keys (metadata and unsealed material versions) and
 * alias → key id mappings, so Encrypt and Decrypt do not touch the database
 * while nothing changed. Bounded (LRU), with a TTL as a backstop; every
 * change is published on the store's change feed, which delivers it after
 * its transaction commits to this process and (PostgreSQL LISTEN/NOTIFY) to
 * every other server process sharing the database.
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

/** The change-feed topic whose ids are key cache ids. */
export const KEY_CACHE_TOPIC = 'kms.key';

export interface KeyCacheLoaders {
  loadKey(scope: KeyScope, keyId: string): Promise<LoadedKey | undefined>;
  loadAliasTarget(scope: KeyScope, aliasName: string): Promise<string | undefined>;
}

export class KeyCache {
  readonly #store: Store;
  readonly #loaders: KeyCacheLoaders;
  readonly #keys: LoadingCache<string, LoadedKey>;
  readonly #aliases: LoadingCache<string, string>;

  constructor(store: Store, loaders: KeyCacheLoaders, options: LoadingCacheOptions = {}) {
    this.#store = store;
    this.#loaders = loaders;
    this.#keys = new LoadingCache((id) => {
      const { scope, name } = parseKeyCacheId(id);
      return loaders.loadKey(scope, name);
    }, options);
    this.#aliases = new LoadingCache((id) => {
      const { scope, name } = parseKeyCacheId(id);
      return loaders.loadAliasTarget(scope, name);
    }, options);
    store.changes.subscribe(KEY_CACHE_TOPIC, (id) => this.#drop(id));
    // Changes may have been missed while the feed was down: start afresh.
    store.changes.onReset(() => this.clear());
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
    this.#store.changes.publish(KEY_CACHE_TOPIC, id);
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
