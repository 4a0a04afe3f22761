import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from './http-client.ts';
import { runLoad } from './load-generator.ts';

test('stops by itself after maxRequests, counts non-2xx answers as errors', async () => {
  let served = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      served++;
      res.writeHead(served % 4 === 0 ? 503 : 200).end('x');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { maxSockets: 4 });
  let starts = 0;
  let ends = 0;
  try {
    const result = await runLoad({
      client,
      next: () => ({ method: 'POST', path: '/', headers: { 'content-type': 'text/plain' }, body: Buffer.from('hello') }),
      concurrency: 4,
      warmupMs: 0,
      durationMs: 60_000,
      maxRequests: 200,
      onMeasureStart: () => starts++,
      onMeasureEnd: () => ends++,
    });
    assert.equal(result.requests, 200);
    assert.equal(starts, 1);
    assert.equal(ends, 1);
    const counted = Object.values(result.statusCounts).reduce((a, b) => a + b, 0);
    assert.equal(counted, 200);
    assert.equal(result.errors, result.statusCounts['503']);
    assert.ok(result.errors > 0);
    assert.equal(result.errorSamples[0].status, 503);
    assert.equal(result.latencyMs.count, 200);
    // In-flight requests at the end are answered but not counted.
    assert.ok(served >= 200);
  } finally {
    client.close();
    server.close();
  }
});

test('connection failures are errors, and the run still ends', async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const client = new HttpClient(`http://127.0.0.1:${port}`);
  try {
    const result = await runLoad({
      client,
      next: () => ({ method: 'GET', path: '/', headers: {}, body: Buffer.alloc(0) }),
      concurrency: 2,
      warmupMs: 0,
      durationMs: 200,
    });
    assert.equal(result.errors, result.requests);
    assert.ok(result.requests > 0);
    assert.equal(result.errorSamples[0].status, 'network');
  } finally {
    client.close();
  }
});

test('rejects a non-positive duration or concurrency', async () => {
  const client = new HttpClient('http://127.0.0.1:9');
  const base = { client, next: () => ({ method: 'GET', path: '/', headers: {}, body: Buffer.alloc(0) }), warmupMs: 0 };
  await assert.rejects(runLoad({ ...base, concurrency: 0, durationMs: 1 }), RangeError);
  await assert.rejects(runLoad({ ...base, concurrency: 1, durationMs: 0 }), RangeError);
  client.close();
});
