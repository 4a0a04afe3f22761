/** Timing helpers: wall clock and this process's CPU time for one piece of work. */

export interface Timing {
  readonly wallMs: number;
  /** User + system CPU of this process (all its threads). */
  readonly cpuMs: number;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; timing: Timing }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, timing: { wallMs, cpuMs: (used.user + used.system) / 1000 } };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rates (units per second) over repeated runs: median and best by wall clock, and per CPU second. */
export interface Rate {
  readonly runs: number;
  readonly median: number;
  readonly best: number;
  /** Units per CPU-second (median over runs): less sensitive to other load on the machine. */
  readonly perCpuSecond: number;
}

export function rate(units: number, timings: readonly Timing[]): Rate {
  return {
    runs: timings.length,
    median: round(median(timings.map((t) => units / (t.wallMs / 1000)))),
    best: round(Math.max(...timings.map((t) => units / (t.wallMs / 1000)))),
    perCpuSecond: round(median(timings.map((t) => units / (Math.max(t.cpuMs, 0.001) / 1000)))),
  };
}
