/**
 * Cold start: from spawning the server process to the first successful signed
 * request answered 200, the way a test suite or a developer's script meets it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpClient } from './load/http-client.ts';
import { ownAndChildrenCpuSeconds, systemCpuSeconds } from './load/proc-stat.ts';
import { RequestSigner, type Credentials, type HashImplementation, type PreparedRequest } from './load/signer.ts';
import { ratio, round } from './load/stats.ts';
import { coldStartFigures, type ColdStartFigures } from './report.ts';
import { SCENARIOS } from './scenarios.ts';
import { bareArgs, freePort, readCredentials, spawnServer, strongroomArgs } from './servers.ts';

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

export interface ColdStartResults {
  bare: ColdStartFigures;
  strongroom: ColdStartFigures;
  /** One start on an empty data directory (creates the store, root key and credentials). */
  strongroomFirstEver: ColdStartSample;
  ratio: number | null;
  targets: { medianUnder300Ms: boolean; atMost1_5xBare: boolean };
  /** Cores used by other processes (plus steal) while the cold starts ran: noise, ideally ~0. */
  noiseCores: number;
}

export interface ColdStartOptions {
  /** A scratch directory; the first-ever start gets an empty directory inside it. */
  work: string;
  /** An initialised data directory, and its credentials. */
  dataDir: string;
  credentials: Credentials;
  runs: number;
  hash: HashImplementation;
}

/** Sends GetCallerIdentity: the cheapest signed request, so the figure is about starting. */
const SCENARIO = SCENARIOS[0];

/** One first-ever start, then `runs` starts of each server, alternating bare and Strongroom. */
export async function measureColdStarts({ work, dataDir, credentials, runs, hash }: ColdStartOptions): Promise<ColdStartResults> {
  const build = () => SCENARIO.build(undefined);
  const signerFor = (port: number, creds: Credentials) => new RequestSigner(new URL(`http://127.0.0.1:${port}`), creds, SCENARIO.service, SCENARIO.region, hash);

  const wallStart = performance.now();
  const systemStart = systemCpuSeconds();
  const ownStart = ownAndChildrenCpuSeconds();

  // First ever, on an empty directory: credentials appear only once the server has created them.
  const firstDir = path.join(work, 'first-start');
  mkdirSync(firstDir);
  const firstPort = await freePort();
  let signed: PreparedRequest | undefined;
  const firstEver = await coldStartOnce(strongroomArgs(firstDir, firstPort), firstPort, async () => {
    if (signed) return signed;
    const creds = readCredentials(path.join(firstDir, 'credentials'));
    if (creds) signed = await signerFor(firstPort, creds).sign(build());
    return signed;
  });
  process.stdout.write(`  first start on an empty data dir: ${round(firstEver.totalMs, 1)} ms\n`);

  // Already initialised: the request is signed before the spawn, so no client work is timed.
  const bare: ColdStartSample[] = [];
  const real: ColdStartSample[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [samples, args] of [
      [bare, bareArgs] as const,
      [real, (p: number) => strongroomArgs(dataDir, p)] as const,
    ]) {
      const port = await freePort();
      const request = await signerFor(port, credentials).sign(build());
      samples.push(await coldStartOnce(args(port), port, async () => request));
    }
    process.stdout.write(`  cold start ${i + 1}/${runs}: bare ${round(bare[i].totalMs, 1)} ms, strongroom ${round(real[i].totalMs, 1)} ms\n`);
  }
  const seconds = (performance.now() - wallStart) / 1000;
  const systemEnd = systemCpuSeconds();
  const other = systemEnd.busy - systemStart.busy + (systemEnd.steal - systemStart.steal) - (ownAndChildrenCpuSeconds() - ownStart);
  const bareFigures = coldStartFigures(bare);
  const realFigures = coldStartFigures(real);
  const coldRatio = ratio(realFigures.medianMs, bareFigures.medianMs);
  return {
    bare: bareFigures,
    strongroom: realFigures,
    strongroomFirstEver: { ...firstEver, totalMs: round(firstEver.totalMs, 1), ...(firstEver.listeningMs !== undefined ? { listeningMs: round(firstEver.listeningMs, 1) } : {}) },
    ratio: coldRatio,
    targets: { medianUnder300Ms: realFigures.medianMs < 300, atMost1_5xBare: coldRatio !== null && coldRatio <= 1.5 },
    noiseCores: round(Math.max(0, other) / seconds, 2),
  };
}
