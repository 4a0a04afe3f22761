/**
 * The caching cryptographic materials manager (specification
 * framework/caching-cmm.md): reuses data keys from a local LRU cache so that
 * many messages cost one call to the underlying CMM (for a KMS keyring: one
 * GenerateDataKey), within the limits set here.
 *
 * Decisions where the specification leaves room (documented in the README):
 * - maxAge is in milliseconds, as in @aws-crypto/client-node (the
 *   specification speaks of seconds).
 * - maxBytesEncrypted defaults to Number.MAX_SAFE_INTEGER (2^53 − 1): the
 *   specification allows any default up to 2^63 − 1, and 2^53 − 1 is the
 *   largest byte count a JavaScript number counts exactly.
 * - Usage is counted before the limit check and an entry is used up when a
 *   count goes *above* its limit, so one data key encrypts exactly
 *   maxMessagesEncrypted messages (as in @aws-crypto/client-node).
 * - Concurrent misses for the same entry share one underlying call, so a
 *   burst of parallel encrypts also costs a single GenerateDataKey.
 * - The entry identifiers are the specification's. Request fields the
 *   formulas do not cover (commitment policy, required encryption context
 *   keys, the decrypting caller's reproduced context) are stored with the
 *   entry and must match, or the request is treated as a miss: a cached data
 *   key is never handed to a request the underlying CMM would have answered
 *   differently (or refused).
 */
import { randomUUID } from 'node:crypto';
import { DefaultCryptographicMaterialsManager } from '../cmm/default-cmm.ts';
import { InvalidArgumentError } from '../errors.ts';
import { serializeEncryptionContext } from '../format/encryption-context.ts';
import type {
  CryptographicMaterialsManager,
  DecryptionMaterials,
  DecryptionMaterialsRequest,
  EncryptionMaterials,
  EncryptionMaterialsRequest,
  Keyring,
} from '../materials.ts';
import { decryptEntryId, encryptEntryId, partitionHash } from './cache-entry-ids.ts';
import { LocalCryptographicMaterialsCache, type LocalCacheStats } from './local-cache.ts';

export const DEFAULT_MAX_MESSAGES_ENCRYPTED = 2 ** 32;
export const DEFAULT_MAX_BYTES_ENCRYPTED = Number.MAX_SAFE_INTEGER;

export interface CachingCmmOptions {
  /** The CMM to ask on a miss, or a keyring (wrapped in a default CMM). */
  readonly backingMaterials: CryptographicMaterialsManager | Keyring;
  /** Longest time a cached data key is used, in milliseconds (> 0). */
  readonly maxAge: number;
  /** Shared cache; a private one of `capacity` entries by default. */
  readonly cache?: LocalCryptographicMaterialsCache;
  /** Capacity of the private cache (default 1000); ignored with `cache`. */
  readonly capacity?: number;
  /** Entries are shared only between caching CMMs of the same partition (default: a random UUID). */
  readonly partition?: string;
  /** Messages one data key may encrypt (default and maximum 2^32). */
  readonly maxMessagesEncrypted?: number;
  /** Plaintext bytes one data key may encrypt (default and maximum 2^53 − 1). */
  readonly maxBytesEncrypted?: number;
}

export interface CachingCmmStats extends LocalCacheStats {
  /** Requests answered from the cache. */
  readonly hits: number;
  /** Requests the cache could not answer (each costs one underlying call, unless it joined one in flight). */
  readonly misses: number;
  /** Requests that may not use the cache (identity-KDF suite, unknown or too large plaintext length). */
  readonly bypasses: number;
  /** Calls to the underlying CMM — for a KMS keyring, the GenerateDataKey / Decrypt round trips. */
  readonly backingCalls: number;
  /** Encryption entries retired because a message or byte limit was reached. */
  readonly usedUp: number;
}

function isCmm(value: CryptographicMaterialsManager | Keyring): value is CryptographicMaterialsManager {
  return typeof (value as CryptographicMaterialsManager).getEncryptionMaterials === 'function' && typeof (value as CryptographicMaterialsManager).decryptMaterials === 'function';
}

function isKeyring(value: CryptographicMaterialsManager | Keyring): value is Keyring {
  return typeof (value as Keyring).onEncrypt === 'function' && typeof (value as Keyring).onDecrypt === 'function';
}

function limit(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}, got ${value}`);
  return value;
}

function copyEncryption(materials: EncryptionMaterials): EncryptionMaterials {
  return { ...materials, plaintextDataKey: materials.plaintextDataKey && Uint8Array.from(materials.plaintextDataKey) };
}

function copyDecryption(materials: DecryptionMaterials): DecryptionMaterials {
  return { ...materials, plaintextDataKey: materials.plaintextDataKey && Uint8Array.from(materials.plaintextDataKey) };
}

/** What, besides the entry id, must match for an encryption entry to serve a request. */
function encryptVariant(request: EncryptionMaterialsRequest): string {
  const required = [...(request.requiredEncryptionContextKeys ?? [])].sort();
  return JSON.stringify([request.commitmentPolicy, required]);
}

function decryptVariant(request: DecryptionMaterialsRequest): string {
  return JSON.stringify([request.commitmentPolicy, serializeEncryptionContext(request.reproducedEncryptionContext ?? {}).toString('base64')]);
}

export class CachingCryptographicMaterialsManager implements CryptographicMaterialsManager {
  readonly partition: string;
  readonly maxAge: number;
  readonly maxMessagesEncrypted: number;
  readonly maxBytesEncrypted: number;
  readonly cache: LocalCryptographicMaterialsCache;
  readonly #backing: CryptographicMaterialsManager;
  readonly #partitionHash: Buffer;
  readonly #inFlight = new Map<string, Promise<unknown>>();
  #hits = 0;
  #misses = 0;
  #bypasses = 0;
  #backingCalls = 0;
  #usedUp = 0;

  constructor(options: CachingCmmOptions) {
    const { backingMaterials } = options;
    if (!backingMaterials) throw new InvalidArgumentError('The caching CMM needs backingMaterials (a keyring or a CMM)');
    if (isCmm(backingMaterials)) this.#backing = backingMaterials;
    else if (isKeyring(backingMaterials)) this.#backing = new DefaultCryptographicMaterialsManager(backingMaterials);
    else throw new InvalidArgumentError('backingMaterials must be a keyring or a cryptographic materials manager');
    if (typeof options.maxAge !== 'number' || !Number.isFinite(options.maxAge) || options.maxAge <= 0) {
      throw new InvalidArgumentError(`maxAge (milliseconds) is required and must be > 0, got ${String(options.maxAge)}`);
    }
    this.maxAge = options.maxAge;
    this.maxMessagesEncrypted = limit('maxMessagesEncrypted', options.maxMessagesEncrypted, DEFAULT_MAX_MESSAGES_ENCRYPTED, DEFAULT_MAX_MESSAGES_ENCRYPTED);
    this.maxBytesEncrypted = limit('maxBytesEncrypted', options.maxBytesEncrypted, DEFAULT_MAX_BYTES_ENCRYPTED, DEFAULT_MAX_BYTES_ENCRYPTED);
    if (options.partition !== undefined && (typeof options.partition !== 'string' || options.partition === '')) throw new InvalidArgumentError('partition must be a non-empty string');
    this.partition = options.partition ?? randomUUID();
    this.#partitionHash = partitionHash(this.partition);
    this.cache = options.cache ?? new LocalCryptographicMaterialsCache(options.capacity ?? 1000);
  }

  async getEncryptionMaterials(request: EncryptionMaterialsRequest): Promise<EncryptionMaterials> {
    const { suite, plaintextLength } = request;
    if ((suite && !suite.cacheSafe) || plaintextLength === undefined || !(plaintextLength >= 0) || plaintextLength > this.maxBytesEncrypted) {
      this.#bypasses += 1;
      this.#backingCalls += 1;
      return this.#backing.getEncryptionMaterials(request);
    }
    const id = encryptEntryId(this.#partitionHash, suite, request.encryptionContext).toString('base64');
    const variant = encryptVariant(request);
    for (;;) {
      const entry = this.cache.get(id);
      if (entry?.kind === 'encrypt' && entry.variant === variant) {
        entry.messagesEncrypted += 1;
        entry.bytesEncrypted += plaintextLength;
        if (entry.messagesEncrypted <= this.maxMessagesEncrypted && entry.bytesEncrypted <= this.maxBytesEncrypted) {
          this.#hits += 1;
          return copyEncryption(entry.materials);
        }
        this.#usedUp += 1;
        this.cache.delete(id);
      } else if (entry) {
        this.cache.delete(id);
      }
      const pending = this.#inFlight.get(id);
      if (!pending) break;
      // Another request is fetching this entry: wait for it, then look again.
      await pending.catch(() => undefined);
    }
    this.#misses += 1;
    const fetched = this.#fetch(id, async () => {
      this.#backingCalls += 1;
      // The specification asks the underlying CMM with the most this key may encrypt.
      const materials = await this.#backing.getEncryptionMaterials({ ...request, plaintextLength: this.maxBytesEncrypted });
      // Without a requested suite the underlying CMM chose one; an identity-KDF suite is never cached.
      if (materials.suite.cacheSafe) {
        this.cache.put(id, { kind: 'encrypt', variant, materials: copyEncryption(materials), expiresAt: this.cache.now() + this.maxAge, messagesEncrypted: 1, bytesEncrypted: plaintextLength });
      }
      return materials;
    });
    return fetched;
  }

  async decryptMaterials(request: DecryptionMaterialsRequest): Promise<DecryptionMaterials> {
    if (!request.suite.cacheSafe) {
      this.#bypasses += 1;
      this.#backingCalls += 1;
      return this.#backing.decryptMaterials(request);
    }
    const id = decryptEntryId(this.#partitionHash, request.suite, request.encryptedDataKeys, request.encryptionContext).toString('base64');
    const variant = decryptVariant(request);
    for (;;) {
      const entry = this.cache.get(id);
      if (entry?.kind === 'decrypt' && entry.variant === variant) {
        this.#hits += 1;
        return copyDecryption(entry.materials);
      }
      if (entry) this.cache.delete(id);
      const pending = this.#inFlight.get(id);
      if (!pending) break;
      await pending.catch(() => undefined);
    }
    this.#misses += 1;
    return this.#fetch(id, async () => {
      this.#backingCalls += 1;
      const materials = await this.#backing.decryptMaterials(request);
      this.cache.put(id, { kind: 'decrypt', variant, materials: copyDecryption(materials), expiresAt: this.cache.now() + this.maxAge });
      return materials;
    });
  }

  /** Runs one underlying call for `id`, visible to concurrent requests until it settles. */
  async #fetch<T>(id: string, call: () => Promise<T>): Promise<T> {
    const promise = call();
    this.#inFlight.set(id, promise);
    try {
      return await promise;
    } finally {
      if (this.#inFlight.get(id) === promise) this.#inFlight.delete(id);
    }
  }

  stats(): CachingCmmStats {
    return { hits: this.#hits, misses: this.#misses, bypasses: this.#bypasses, backingCalls: this.#backingCalls, usedUp: this.#usedUp, ...this.cache.stats() };
  }
}
