/**
 * One throughput measurement against a running server: builds the request
 * source for the mode (signed per request, or a pre-signed replay pool),
 * runs the closed-loop load and reads the server's CPU time around the
 * measured phase.
 */
import { HttpClient } from './load/http-client.ts';
import { runLoad, type LoadResult } from './load/load-generator.ts';
import { processCpuSeconds, processMemory, systemCpuSeconds, type CpuSeconds } from './load/proc-stat.ts';
import type { BuiltRequest, PreparedRequest, RequestSigner } from './load/signer.ts';
import type { ServerProcess } from './servers.ts';

export type Mode = 'signed' | 'replay';

export interface ThroughputSettings {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests?: number;
  poolSize: number;
}

export interface ThroughputResult extends LoadResult {
  mode: Mode;
  /** Server CPU (user + system, all threads) per measured request, in µs. */
  serverCpuUsPerRequest: number;
  /** The kernel's share of it (socket I/O; on loopback this includes delivering to the client). */
  serverSystemUsPerRequest: number;
  /** Server CPU over wall time in the measured phase: 1.0 = one core busy. */
  serverCores: number;
  /**
   * CPU used by everything else on the machine meanwhile (neither the server nor
   * this load generator), in cores, plus time stolen by the hypervisor: noise.
   */
  otherCores: number;
  stolenCores: number;
  /** Log bytes the server wrote per measured request. */
  serverLogBytesPerRequest: number;
  serverRssBytes?: number;
}

export async function measureThroughput(
  server: ServerProcess,
  signer: RequestSigner,
  build: () => BuiltRequest,
  mode: Mode,
  settings: ThroughputSettings,
): Promise<ThroughputResult> {
  const client = new HttpClient(server.url, { maxSockets: settings.concurrency });
  let next: () => PreparedRequest | Promise<PreparedRequest>;
  if (mode === 'signed') {
    next = () => signer.sign(build());
  } else {
    // Signed moments before the run, so every signature is well inside SigV4's window;
    // the server still verifies each one, the client only cycles through them.
    const signingDate = new Date();
    const pool = await Promise.all(Array.from({ length: settings.poolSize }, () => signer.sign(build(), signingDate)));
    let i = 0;
    next = () => pool[i++ % pool.length];
  }

  let cpuStart: CpuSeconds = { user: Number.NaN, system: Number.NaN };
  let cpuEnd: CpuSeconds = cpuStart;
  let systemStart = { busy: Number.NaN, steal: Number.NaN };
  let systemEnd = systemStart;
  let logStart = 0;
  let logEnd = 0;
  try {
    const load = await runLoad({
      client,
      next,
      concurrency: settings.concurrency,
      warmupMs: settings.warmupMs,
      durationMs: settings.durationMs,
      maxRequests: settings.maxRequests,
      onMeasureStart() {
        cpuStart = cpuSecondsOrNaN(server.pid);
        systemStart = systemCpuSeconds();
        logStart = server.stdoutBytes();
      },
      onMeasureEnd() {
        cpuEnd = cpuSecondsOrNaN(server.pid);
        systemEnd = systemCpuSeconds();
        logEnd = server.stdoutBytes();
      },
    });
    const cpuSeconds = cpuEnd.user + cpuEnd.system - (cpuStart.user + cpuStart.system);
    const systemSeconds = cpuEnd.system - cpuStart.system;
    const seconds = load.elapsedMs / 1000;
    const clientSeconds = (load.clientCpuUsPerRequest * load.requests) / 1e6;
    const otherSeconds = systemEnd.busy - systemStart.busy - cpuSeconds - clientSeconds;
    return {
      mode,
      ...load,
      serverCpuUsPerRequest: load.requests > 0 ? (cpuSeconds * 1e6) / load.requests : Number.NaN,
      serverSystemUsPerRequest: load.requests > 0 ? (systemSeconds * 1e6) / load.requests : Number.NaN,
      serverCores: seconds > 0 ? cpuSeconds / seconds : Number.NaN,
      otherCores: seconds > 0 ? Math.max(0, otherSeconds) / seconds : Number.NaN,
      stolenCores: seconds > 0 ? (systemEnd.steal - systemStart.steal) / seconds : Number.NaN,
      serverLogBytesPerRequest: load.requests > 0 ? (logEnd - logStart) / load.requests : Number.NaN,
      serverRssBytes: processMemory(server.pid).rss,
    };
  } finally {
    client.close();
  }
}

/** NaN (reported as missing) rather than a crash when the server has already gone. */
function cpuSecondsOrNaN(pid: number): CpuSeconds {
  try {
    return processCpuSeconds(pid);
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}
