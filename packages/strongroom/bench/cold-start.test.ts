import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coldStartOnce } from './cold-start.ts';
import { bareArgs, freePort, spawnServer, waitUntilAccepting } from './servers.ts';

const request = { method: 'POST', path: '/', headers: { 'content-type': 'text/plain' }, body: Buffer.from('ping') };

test('cold start of the bare server: answered 200, listening line seen, process stopped', async () => {
  const port = await freePort();
  const sample = await coldStartOnce(bareArgs(port), port, async () => request);
  assert.ok(sample.attempts >= 1);
  assert.ok(sample.listeningMs !== undefined && sample.listeningMs > 0);
  assert.ok(sample.totalMs > 0);
  // The server was stopped: the port is free again.
  const again = spawnServer(bareArgs(port), port);
  await waitUntilAccepting(again);
  await again.stop();
});

test('a server that exits at once fails the cold start instead of hanging', async () => {
  const port = await freePort();
  await assert.rejects(coldStartOnce(['-e', 'process.exit(3)'], port, async () => request), /exited early \(code 3/);
});

test('a non-2xx answer that is not a 5xx ends the cold start with the answer', async () => {
  const port = await freePort();
  const script = `require('node:http').createServer((q, s) => { q.resume(); s.writeHead(403).end('denied'); }).listen(${port}, '127.0.0.1')`;
  await assert.rejects(coldStartOnce(['-e', script], port, async () => request), /answered 403: denied/);
});
