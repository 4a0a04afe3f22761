import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadingCache } from './loading-cache.ts';

function counting(values: Record<string, string>) {
  const loads: string[] = [];
  const load = async (key: string) => {
    loads.push(key);
    return values[key];
  };
  return { loads, load };
}

describe('LoadingCache', () => {
  it('loads once and then serves from memory until the TTL passes', async () => {
    let now = 0;
    const { loads, load } = counting({ a: 'A' });
    const cache = new LoadingCache(load, { ttlMs: 100, now: () => now });
    assert.equal(await cache.get('a'), 'A');
    assert.equal(await cache.get('a'), 'A');
    now = 99;
    assert.equal(await cache.get('a'), 'A');
    assert.deepEqual(loads, ['a']);
    now = 100;
    assert.equal(await cache.get('a'), 'A');
    assert.deepEqual(loads, ['a', 'a']);
  });

  it('remembers "not found" only for the negative TTL', async () => {
    let now = 0;
    const { loads, load } = counting({});
    const cache = new LoadingCache(load, { negativeTtlMs: 10, now: () => now });
    assert.equal(await cache.get('x'), undefined);
    assert.equal(await cache.get('x'), undefined);
    assert.equal(loads.length, 1);
    now = 10;
    await cache.get('x');
    assert.equal(loads.length, 2);
    const noNegative = new LoadingCache(load, { negativeTtlMs: 0 });
    await noNegative.get('x');
    await noNegative.get('x');
    assert.equal(loads.length, 4);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const { loads, load } = counting({ a: 'A', b: 'B', c: 'C' });
    const cache = new LoadingCache(load, { maxEntries: 2 });
    await cache.get('a');
    await cache.get('b');
    await cache.get('a'); // a is now more recent than b
    await cache.get('c'); // evicts b
    assert.equal(cache.size, 2);
    loads.length = 0;
    await cache.get('a');
    await cache.get('c');
    assert.deepEqual(loads, []);
    await cache.get('b');
    assert.deepEqual(loads, ['b']);
  });

  it('shares one in-flight load between concurrent callers', async () => {
    let calls = 0;
    let release!: (v: string) => void;
    const cache = new LoadingCache(() => {
      calls++;
      return new Promise<string>((resolve) => (release = resolve));
    });
    const results = Promise.all([cache.get('k'), cache.get('k'), cache.get('k')]);
    release('v');
    assert.deepEqual(await results, ['v', 'v', 'v']);
    assert.equal(calls, 1);
  });

  it('invalidate() drops the entry and discards a load that started before it', async () => {
    const values: Record<string, string> = { k: 'old' };
    let release!: () => void;
    let gate = false;
    const cache = new LoadingCache(async (key: string) => {
      const value = values[key];
      if (gate) await new Promise<void>((resolve) => (release = resolve));
      return value;
    });
    assert.equal(await cache.get('k'), 'old');
    cache.invalidate('k');
    gate = true;
    const stale = cache.get('k'); // reads "old" then waits
    await new Promise((resolve) => setImmediate(resolve));
    values.k = 'new';
    cache.invalidate('k'); // the change happened while the load was in flight
    release();
    assert.equal(await stale, 'old');
    gate = false;
    assert.equal(await cache.get('k'), 'new', 'the stale value was not cached');
  });
});
