import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from './primitives.ts';

describe('randomBytes', () => {
  it('never hands out the same bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const bytes = randomBytes(12);
      assert.equal(bytes.length, 12);
      const hex = bytes.toString('hex');
      assert.ok(!seen.has(hex));
      seen.add(hex);
    }
  });

  it('keeps earlier results intact when the pool is refilled', () => {
    const first = randomBytes(16);
    const copy = Buffer.from(first);
    for (let i = 0; i < 2_000; i++) randomBytes(12);
    assert.deepEqual(first, copy);
  });

  it('serves large requests directly', () => {
    assert.equal(randomBytes(1024).length, 1024);
    assert.notDeepEqual(randomBytes(1024), randomBytes(1024));
  });
});
