import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { percentile, ratio, round, SampleBuffer, summarize } from './stats.ts';

test('nearest-rank percentiles of 1..100', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 50), 50);
  assert.equal(percentile(sorted, 99), 99);
  assert.equal(percentile(sorted, 100), 100);
  assert.equal(percentile(sorted, 0), 1);
  for (let p = 1; p <= 100; p++) assert.equal(percentile(sorted, p), p);
  assert.equal(percentile(sorted, 0.5), 1);
  assert.equal(percentile(sorted, 99.5), 100);
});

test('percentiles of small samples pick an actual sample', () => {
  assert.equal(percentile([7], 50), 7);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([1, 2], 50), 1);
  assert.equal(percentile([1, 2], 51), 2);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.throws(() => percentile([1], 101), RangeError);
  assert.throws(() => percentile([1], Number.NaN), RangeError);
});

test('summarize sorts numerically and leaves its input alone', () => {
  const samples = [10, 9, 100, 2, 1];
  const summary = summarize(samples);
  assert.deepEqual(samples, [10, 9, 100, 2, 1]);
  assert.deepEqual(summary, { count: 5, min: 1, p50: 9, p90: 100, p99: 100, max: 100, mean: 24.4 });
  assert.equal(summarize([]).count, 0);
  assert.ok(Number.isNaN(summarize([]).p50));
});

test('percentile: at least p% of samples are ≤ it, and fewer than p% are < it', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 100, noNaN: true }), (values, p) => {
      const sorted = Float64Array.from(values).sort();
      const q = percentile(sorted, p);
      const atOrBelow = values.filter((v) => v <= q).length;
      const below = values.filter((v) => v < q).length;
      assert.ok(atOrBelow * 100 >= p * values.length);
      assert.ok(p === 0 || below * 100 < p * values.length);
    }),
  );
});

test('SampleBuffer grows past its initial capacity', () => {
  const buffer = new SampleBuffer();
  for (let i = 0; i < 10_000; i++) buffer.push(i);
  assert.equal(buffer.length, 10_000);
  assert.equal(buffer.values()[9_999], 9_999);
  assert.equal(summarize(buffer.values()).p50, 4_999);
});

test('round and ratio', () => {
  assert.equal(round(1.23456, 2), 1.23);
  assert.equal(round(1234.5, 0), 1235);
  assert.equal(ratio(3, 2), 1.5);
  assert.equal(ratio(1, 3, 3), 0.333);
  assert.equal(ratio(1, 0), null);
  assert.equal(ratio(undefined, 2), null);
  assert.equal(ratio(Number.NaN, 2), null);
});
