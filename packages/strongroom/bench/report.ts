/**
 * The benchmark's results: the JSON record written to bench/results/ and the
 * table printed on stdout. Figures are rounded so result files stay small and
 * diffable.
 */
import type { ErrorSample } from './load/load-generator.ts';
import { ratio, round, summarize } from './load/stats.ts';
import type { ColdStartSample } from './cold-start.ts';
import type { Mode, ThroughputResult } from './throughput.ts';

export interface ColdStartFigures {
  runs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
  /** Median spawn → "listening" line (absent when the server printed none). */
  listeningMedianMs?: number;
}

export interface RunRecord {
  target: 'bare' | 'strongroom';
  scenario: string;
  mode: Mode;
  /** strongroom's --log-level for the run (null for the bare server). */
  logLevel: string | null;
  requests: number;
  errors: number;
  /** True when any request failed: the run's figures are not trustworthy. */
  flagged: boolean;
  statusCounts: Record<string, number>;
  errorSamples?: ErrorSample[];
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  serverCpuUsPerRequest: number;
  /** The kernel's part of serverCpuUsPerRequest. */
  serverSystemUsPerRequest: number;
  serverCores: number;
  /** Cores busy with other processes during the run (plus hypervisor steal): noise, ideally ~0. */
  otherCores: number;
  clientCpuUsPerRequest: number;
  serverLogBytesPerRequest: number;
  serverRssMiB?: number;
}

export function coldStartFigures(samples: ColdStartSample[]): ColdStartFigures {
  const total = summarize(samples.map((s) => s.totalMs));
  const listening = samples.map((s) => s.listeningMs).filter((ms): ms is number => ms !== undefined);
  return {
    runs: samples.length,
    medianMs: round(total.p50, 1),
    p90Ms: round(total.p90, 1),
    minMs: round(total.min, 1),
    maxMs: round(total.max, 1),
    ...(listening.length === samples.length ? { listeningMedianMs: round(summarize(listening).p50, 1) } : {}),
  };
}

export function runRecord(target: RunRecord['target'], scenario: string, logLevel: string | null, result: ThroughputResult): RunRecord {
  return {
    target,
    scenario,
    mode: result.mode,
    logLevel,
    requests: result.requests,
    errors: result.errors,
    flagged: result.errors > 0,
    statusCounts: result.statusCounts,
    ...(result.errorSamples.length ? { errorSamples: result.errorSamples } : {}),
    requestsPerSecond: round(result.requestsPerSecond, 0),
    latencyMs: { p50: round(result.latencyMs.p50, 3), p90: round(result.latencyMs.p90, 3), p99: round(result.latencyMs.p99, 3), max: round(result.latencyMs.max, 3) },
    serverCpuUsPerRequest: round(result.serverCpuUsPerRequest, 1),
    serverSystemUsPerRequest: round(result.serverSystemUsPerRequest, 1),
    serverCores: round(result.serverCores, 2),
    otherCores: round(result.otherCores + (Number.isFinite(result.stolenCores) ? result.stolenCores : 0), 2),
    clientCpuUsPerRequest: round(result.clientCpuUsPerRequest, 1),
    serverLogBytesPerRequest: round(result.serverLogBytesPerRequest, 0),
    ...(result.serverRssBytes !== undefined ? { serverRssMiB: round(result.serverRssBytes / 2 ** 20, 1) } : {}),
  };
}

/** Left-aligned first column, right-aligned numbers. */
export function table(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined || Number.isNaN(cell) ? '–' : String(cell))))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column <= 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function throughputTable(runs: RunRecord[]): string {
  return table(
    ['server', 'scenario', 'mode', 'log', 'req/s', 'p50 ms', 'p99 ms', 'srv µs/req', 'of it sys', 'srv cores', 'cli µs/req', 'log B/req', 'noise', 'errors'],
    runs.map((r) => [
      r.target,
      r.scenario,
      r.mode,
      r.logLevel ?? '',
      r.requestsPerSecond,
      r.latencyMs.p50,
      r.latencyMs.p99,
      r.serverCpuUsPerRequest,
      r.serverSystemUsPerRequest,
      r.serverCores,
      r.clientCpuUsPerRequest,
      r.serverLogBytesPerRequest,
      r.otherCores,
      r.flagged ? `${r.errors} FLAGGED` : 0,
    ]),
  );
}

export function coldStartTable(rows: [string, ColdStartFigures | undefined][]): string {
  return table(
    ['server', 'data dir', 'runs', 'median ms', 'p90 ms', 'min ms', 'max ms', 'listening ms'],
    rows.map(([label, f]) => {
      const [server, dir] = label.split('|');
      return [server, dir, f?.runs, f?.medianMs, f?.p90Ms, f?.minMs, f?.maxMs, f?.listeningMedianMs];
    }),
  );
}

export interface Ratios {
  scenario: string;
  /** strongroom replay req/s ÷ bare replay req/s. */
  throughput: number | null;
  /** strongroom server CPU µs/request ÷ bare server CPU µs/request (replay runs). */
  cpuPerRequest: number | null;
  /** strongroom signed req/s ÷ bare signed req/s (both bounded by the client's signing). */
  signedThroughput: number | null;
}

/** Each scenario against the ceiling measured in the same run, and the cost of info-level logging. */
export function computeRatios(runs: RunRecord[]): { perScenario: Ratios[]; logging?: { scenario: string; cpuPerRequestInfoOverWarn: number | null; throughputInfoOverWarn: number | null } } {
  const find = (target: string, scenario: string, mode: Mode, logLevel: string | null) =>
    runs.find((r) => r.target === target && r.scenario === scenario && r.mode === mode && r.logLevel === logLevel);
  const bareReplay = find('bare', 'ceiling', 'replay', null);
  const bareSigned = find('bare', 'ceiling', 'signed', null);
  const names = [...new Set(runs.filter((r) => r.target === 'strongroom' && r.logLevel === 'warn').map((r) => r.scenario))];
  const perScenario = names.map((scenario) => {
    const replay = find('strongroom', scenario, 'replay', 'warn');
    const signed = find('strongroom', scenario, 'signed', 'warn');
    return {
      scenario,
      throughput: ratio(replay?.requestsPerSecond, bareReplay?.requestsPerSecond),
      cpuPerRequest: ratio(replay?.serverCpuUsPerRequest, bareReplay?.serverCpuUsPerRequest),
      signedThroughput: ratio(signed?.requestsPerSecond, bareSigned?.requestsPerSecond),
    };
  });
  const info = runs.find((r) => r.target === 'strongroom' && r.logLevel === 'info');
  const warn = info && find('strongroom', info.scenario, 'replay', 'warn');
  return {
    perScenario,
    ...(info && warn
      ? {
          logging: {
            scenario: info.scenario,
            cpuPerRequestInfoOverWarn: ratio(info.serverCpuUsPerRequest, warn.serverCpuUsPerRequest),
            throughputInfoOverWarn: ratio(info.requestsPerSecond, warn.requestsPerSecond),
          },
        }
      : {}),
  };
}
