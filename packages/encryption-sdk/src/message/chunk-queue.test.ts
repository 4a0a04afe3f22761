import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ChunkQueue } from './chunk-queue.ts';

describe('ChunkQueue', () => {
  it('returns views without copying inside one chunk, and merges only straddling bytes', () => {
    const queue = new ChunkQueue();
    const a = randomBytes(10);
    const b = randomBytes(10);
    queue.push(a);
    queue.push(b);
    assert.equal(queue.contiguous(5).buffer, a.buffer);
    const straddle = queue.contiguous(15);
    assert.ok(straddle.equals(Buffer.concat([a, b]).subarray(0, 15)));
    queue.consume(15);
    assert.equal(queue.length, 5);
    assert.ok(queue.all().equals(b.subarray(5)));
  });

  it('agrees with a flat buffer under random pushes, peeks and consumes', () => {
    const data = randomBytes(50_000);
    const queue = new ChunkQueue();
    let pushed = 0;
    let consumed = 0;
    while (consumed < data.length) {
      if (pushed < data.length && Math.random() < 0.6) {
        const size = Math.min(data.length - pushed, Math.floor(Math.random() * 300));
        queue.push(data.subarray(pushed, pushed + size));
        pushed += size;
      } else if (queue.length > 0) {
        const n = 1 + Math.floor(Math.random() * queue.length);
        assert.ok(queue.contiguous(n).equals(data.subarray(consumed, consumed + n)));
        const eat = 1 + Math.floor(Math.random() * n);
        queue.consume(eat);
        consumed += eat;
      }
      assert.equal(queue.length, pushed - consumed);
    }
  });
});
