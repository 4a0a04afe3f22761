/**
 * Closed-loop load: `concurrency` workers, each sending its next request as
 * soon as the previous one is answered. A warm-up phase runs first and is
 * excluded from every figure; the measured phase ends after a fixed duration
 * or a fixed number of requests, whichever comes first, so a run always stops
 * by itself.
 */
import { performance } from 'node:perf_hooks';
import type { HttpClient } from './http-client.ts';
import type { PreparedRequest } from './signer.ts';
import { SampleBuffer, summarize, type Summary } from './stats.ts';

export interface LoadOptions {
  client: HttpClient;
  /** The next request to send: signs on the spot (signed mode) or takes one from a pool (replay). */
  next(): PreparedRequest | Promise<PreparedRequest>;
  concurrency: number;
  warmupMs: number;
  /** Upper bound on the measured phase. */
  durationMs: number;
  /** Ends the measured phase early after this many answered requests. */
  maxRequests?: number;
  timeoutMs?: number;
  /** Called synchronously at the instant the measured phase starts and ends (e.g. CPU snapshots). */
  onMeasureStart?(): void;
  onMeasureEnd?(): void;
}

export interface ErrorSample {
  status: number | 'network';
  detail: string;
}

export interface LoadResult {
  /** Requests answered (any status) during the measured phase. */
  requests: number;
  /** Non-2xx answers and network failures during the measured phase. */
  errors: number;
  statusCounts: Record<string, number>;
  errorSamples: ErrorSample[];
  elapsedMs: number;
  requestsPerSecond: number;
  /** Send → full response, in ms (signing is not included). */
  latencyMs: Summary;
  /** The load generator's own CPU time per measured request, in µs. */
  clientCpuUsPerRequest: number;
}

const MAX_ERROR_SAMPLES = 5;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!(options.concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  if (!(options.durationMs > 0)) throw new RangeError('the measured phase needs a positive duration');
  const timeoutMs = options.timeoutMs ?? 10_000;

  let phase: 'warmup' | 'measure' | 'done' = 'warmup';
  const running = () => phase !== 'done';
  let measureStart = 0;
  let measureEnd = 0;
  let cpuAtStart = process.cpuUsage();
  let cpuUsed = { user: 0, system: 0 };
  const latencies = new SampleBuffer();
  const statusCounts: Record<string, number> = {};
  const errorSamples: ErrorSample[] = [];
  let errors = 0;

  let endTimer: NodeJS.Timeout | undefined;
  const endMeasure = () => {
    if (phase !== 'measure') return;
    measureEnd = performance.now();
    cpuUsed = process.cpuUsage(cpuAtStart);
    phase = 'done';
    clearTimeout(endTimer);
    options.onMeasureEnd?.();
  };
  const startTimer = setTimeout(() => {
    phase = 'measure';
    measureStart = performance.now();
    cpuAtStart = process.cpuUsage();
    options.onMeasureStart?.();
    endTimer = setTimeout(endMeasure, options.durationMs);
  }, options.warmupMs);

  const record = (status: number | 'network', started: number, detail: () => string) => {
    if (phase !== 'measure') return;
    const now = performance.now();
    latencies.push(now - started);
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    if (status === 'network' || status < 200 || status > 299) {
      errors++;
      if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push({ status, detail: detail() });
    }
    if (options.maxRequests !== undefined && latencies.length >= options.maxRequests) endMeasure();
  };

  const worker = async () => {
    try {
      await loop();
    } catch (error) {
      phase = 'done'; // stops the other workers too
      throw error;
    }
  };
  const loop = async () => {
    while (running()) {
      const request = await options.next();
      const started = performance.now();
      try {
        const { status, body } = await options.client.send(request, timeoutMs);
        record(status, started, () => body.subarray(0, 300).toString('utf8'));
      } catch (error) {
        record('network', started, () => (error as Error).message);
        // A refused or reset connection fails fast; do not spin on it.
        if (running()) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    clearTimeout(startTimer);
    clearTimeout(endTimer);
  }

  const elapsedMs = measureEnd - measureStart;
  const requests = latencies.length;
  return {
    requests,
    errors,
    statusCounts,
    errorSamples,
    elapsedMs,
    requestsPerSecond: elapsedMs > 0 ? (requests * 1000) / elapsedMs : 0,
    latencyMs: summarize(latencies.values()),
    clientCpuUsPerRequest: requests > 0 ? (cpuUsed.user + cpuUsed.system) / requests : Number.NaN,
  };
}
