/**
 * The SigV4 signing key is four chained HMACs over (secret, date, region,
 * service); it changes once a day per credential, so caching it takes four
 * HMACs off every request. The cache is a small LRU kept in a Map's
 * insertion order; as in storage/loading-cache.ts, a hit moves its entry to
 * the end only when it was last moved more than maxEntries/2 moves ago (the
 * move, a Map delete + set, costs more than the lookup).
 */
import { hmacSha256 } from '../../crypto/primitives.ts';
import { SCOPE_TERMINATOR } from './types.ts';

export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmacSha256('AWS4' + secretAccessKey, date);
  const kRegion = hmacSha256(kDate, region);
  const kService = hmacSha256(kRegion, service);
  return hmacSha256(kService, SCOPE_TERMINATOR);
}

export class SigningKeyCache {
  readonly maxEntries: number;
  /** How many keys were derived rather than found; for tests and metrics. */
  derivations = 0;
  // The key holds the secret itself: a digest of it would cost a hash per
  // request, and the cache lives in the same process that holds the secrets.
  readonly #entries = new Map<string, { key: Buffer; movedAt: number }>();
  #moves = 0;
  readonly #refreshAfter: number;

  constructor(maxEntries = 1024) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.maxEntries = maxEntries;
    this.#refreshAfter = Math.max(1, maxEntries >> 1);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(secretAccessKey: string, date: string, region: string, service: string): Buffer {
    const id = `${date}\n${region}\n${service}\n${secretAccessKey}`;
    const cached = this.#entries.get(id);
    if (cached) {
      if (this.#moves - cached.movedAt >= this.#refreshAfter) {
        this.#entries.delete(id);
        this.#entries.set(id, cached);
        cached.movedAt = ++this.#moves;
      }
      return cached.key;
    }
    const key = deriveSigningKey(secretAccessKey, date, region, service);
    this.derivations++;
    this.#entries.set(id, { key, movedAt: ++this.#moves });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return key;
  }

  clear(): void {
    this.#entries.clear();
  }
}

export const defaultSigningKeyCache = new SigningKeyCache();
