/**
 * Cold start: from spawning the server process to the first successful signed
 * request answered 200, the way a test suite or a developer's script meets it.
 */
import { performance } from 'node:perf_hooks';
import { HttpClient } from './load/http-client.ts';
import type { PreparedRequest } from './load/signer.ts';
import { spawnServer } from './servers.ts';

export interface ColdStartSample {
  /** Spawn → first 200. */
  totalMs: number;
  /** Spawn → the "listening" log line, when the server printed one. */
  listeningMs?: number;
  attempts: number;
}

const POLL_MS = 2;
const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/**
 * Spawns `node args…` (which must listen on `port`) and sends `prepare()`'s
 * request until it is answered 200, then stops the server. `prepare` may
 * return undefined while it cannot build the request yet (no credentials file).
 */
export async function coldStartOnce(
  args: string[],
  port: number,
  prepare: () => Promise<PreparedRequest | undefined>,
  timeoutMs = 30_000,
): Promise<ColdStartSample> {
  const started = performance.now();
  const server = spawnServer(args, port);
  let listeningMs: number | undefined;
  const listening = server.listening.then(() => {
    listeningMs = performance.now() - started;
  });
  const client = new HttpClient(server.url, { keepAlive: false });
  let attempts = 0;
  try {
    for (;;) {
      if (performance.now() - started > timeoutMs) throw new Error(`no 200 within ${timeoutMs} ms\n${server.stderrTail()}`);
      const request = await prepare();
      if (request) {
        attempts++;
        try {
          const response = await Promise.race([client.send(request, 10_000), server.exited]);
          if (response.status === 200) return { totalMs: performance.now() - started, listeningMs, attempts };
          if (response.status < 500) throw new Error(`cold start request answered ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`);
        } catch (error) {
          if (!RETRYABLE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
        }
      }
      // Wake at once on the listening line; otherwise poll.
      const pause = new Promise((resolve) => setTimeout(resolve, POLL_MS));
      await Promise.race(listeningMs === undefined ? [pause, listening, server.exited] : [pause, server.exited]);
    }
  } finally {
    client.close();
    await server.stop();
  }
}
