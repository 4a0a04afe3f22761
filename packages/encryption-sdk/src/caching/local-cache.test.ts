import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecryptionMaterials } from '../materials.ts';
import { suiteById } from '../suites.ts';
import { LocalCryptographicMaterialsCache, type CacheEntry } from './local-cache.ts';

const suite = suiteById(0x0478)!;

function entry(expiresAt: number, key = new Uint8Array(32).fill(9)): CacheEntry {
  const materials: DecryptionMaterials = { suite, encryptionContext: {}, plaintextDataKey: key };
  return { kind: 'decrypt', variant: '', materials, expiresAt };
}

describe('local cryptographic materials cache', () => {
  it('evicts the least recently used entry beyond capacity and zeroes its key', () => {
    const cache = new LocalCryptographicMaterialsCache(2, { now: () => 0 });
    const keyA = new Uint8Array(32).fill(1);
    cache.put('a', entry(100, keyA));
    cache.put('b', entry(100));
    assert.ok(cache.get('a')); // a is now the most recently used
    cache.put('c', entry(100));
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a'));
    assert.ok(cache.get('c'));
    assert.deepEqual(cache.stats(), { entries: 2, capacity: 2, evictions: 1, expirations: 0 });
    cache.put('d', entry(100));
    assert.equal(cache.get('a'), undefined);
    assert.deepEqual(keyA, new Uint8Array(32), 'the evicted key was zeroed');
  });

  it('never returns an expired entry', () => {
    let now = 0;
    const cache = new LocalCryptographicMaterialsCache(10, { now: () => now });
    cache.put('a', entry(50));
    cache.put('b', entry(80));
    now = 49;
    assert.ok(cache.get('a'));
    now = 50;
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.stats().expirations, 1);
    now = 100;
    assert.equal(cache.pruneExpired(), 1);
    assert.equal(cache.stats().entries, 0);
  });

  it('clear() zeroes every key', () => {
    const key = new Uint8Array(32).fill(3);
    const cache = new LocalCryptographicMaterialsCache(10, { now: () => 0 });
    cache.put('a', entry(10, key));
    cache.clear();
    assert.equal(cache.stats().entries, 0);
    assert.deepEqual(key, new Uint8Array(32));
  });

  it('rejects a capacity below 1', () => {
    assert.throws(() => new LocalCryptographicMaterialsCache(0), RangeError);
  });
});
