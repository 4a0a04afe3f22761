/**
 * In-process periodic tasks (key deletion, rotation, expiry sweeps). Each
 * task runs once at start, then again `intervalMs` (± jitter) after the
 * previous run ENDED, so runs of one task never overlap in a process. A run
 * that fails is logged and the task simply runs at its next tick. Timers are
 * unref'd: the scheduler never keeps the process alive.
 *
 * Every process runs every task: work that must happen once across
 * processes is claimed row by row in the database (see claim.ts), so a tick
 * is only "look for due work", never "do the work blindly".
 */
import type { Logger } from 'pino';

export type ScheduledTask = (now: Date) => Promise<void>;

export interface SchedulerOptions {
  log: Logger;
  /** The clock handed to tasks (default: the wall clock). */
  now?: () => Date;
  /** Each delay varies by up to ± this fraction of the interval, so processes started together drift apart (default 0.1). */
  jitter?: number;
  random?: () => number;
}

export interface TaskStatus {
  name: string;
  intervalMs: number;
  running: boolean;
  /** Runs that completed without an error. */
  succeeded: number;
  failed: number;
  lastStartedAt?: Date;
  lastFinishedAt?: Date;
  /** The message of the last run's error; cleared by a successful run. */
  lastError?: string;
}

/** Node timers overflow past 2^31 - 1 ms (about 24.8 days) and fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T | Promise<T>): void;
}

interface TaskState extends Omit<TaskStatus, 'running'> {
  task: ScheduledTask;
  timer?: NodeJS.Timeout;
  startup?: NodeJS.Immediate;
  /** The running run; resolves (never rejects) to its error, or undefined. */
  running?: Promise<unknown>;
  /** runNow callers waiting for a run that starts after the current one. */
  queued?: Deferred<unknown>;
}

export function jitteredDelay(intervalMs: number, jitter: number, random: () => number = Math.random): number {
  const delay = intervalMs * (1 + jitter * (2 * random() - 1));
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.round(delay)));
}

export class Scheduler {
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #jitter: number;
  readonly #random: () => number;
  readonly #tasks = new Map<string, TaskState>();
  #stopped = false;

  constructor(options: SchedulerOptions) {
    this.#log = options.log;
    this.#now = options.now ?? (() => new Date());
    this.#jitter = options.jitter ?? 0.1;
    this.#random = options.random ?? Math.random;
    if (!(this.#jitter >= 0 && this.#jitter < 1)) throw new RangeError('jitter must be at least 0 and below 1');
  }

  /** Registers `task` and starts it (on the next turn of the event loop). Names are unique. */
  every(name: string, intervalMs: number, task: ScheduledTask): void {
    if (this.#stopped) throw new Error('the scheduler is stopped');
    if (this.#tasks.has(name)) throw new Error(`a task named "${name}" is already scheduled`);
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError('intervalMs must be a positive number');
    const state: TaskState = { name, intervalMs, task, succeeded: 0, failed: 0 };
    this.#tasks.set(name, state);
    state.startup = setImmediate(() => {
      state.startup = undefined;
      if (!state.running && !this.#stopped) void this.#run(state);
    });
  }

  /**
   * Runs the task now and resolves when that run ends, rejecting with its
   * error. If a run is in progress, waits for it and then runs once more
   * (concurrent callers share that one follow-up run).
   */
  async runNow(name: string): Promise<void> {
    const state = this.#tasks.get(name);
    if (!state) throw new Error(`no task named "${name}" is scheduled`);
    if (this.#stopped) throw new Error('the scheduler is stopped');
    let outcome: Promise<unknown>;
    if (!state.running) {
      outcome = this.#run(state);
    } else {
      state.queued ??= deferred();
      outcome = state.queued.promise;
    }
    const error = await outcome;
    if (error !== undefined) throw error;
  }

  /** Stops all timers and resolves when every running task has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const state of this.#tasks.values()) this.#disarm(state);
    await Promise.all([...this.#tasks.values()].map((state) => state.running));
  }

  status(): TaskStatus[] {
    return [...this.#tasks.values()].map(({ name, intervalMs, running, succeeded, failed, lastStartedAt, lastFinishedAt, lastError }) => ({
      name,
      intervalMs,
      running: running !== undefined,
      succeeded,
      failed,
      lastStartedAt,
      lastFinishedAt,
      lastError,
    }));
  }

  #run(state: TaskState): Promise<unknown> {
    this.#disarm(state);
    const startedAt = this.#now();
    const started = performance.now();
    state.lastStartedAt = startedAt;
    const run = (async (): Promise<unknown> => {
      try {
        await state.task(startedAt);
        state.succeeded += 1;
        state.lastError = undefined;
        this.#log.debug({ task: state.name, durationMs: Math.round(performance.now() - started) }, 'scheduled task ran');
        return undefined;
      } catch (error) {
        state.failed += 1;
        state.lastError = (error as Error)?.message ?? String(error);
        this.#log.error({ err: error, task: state.name, durationMs: Math.round(performance.now() - started) }, 'scheduled task failed; it runs again at its next interval');
        return error ?? new Error(`task "${state.name}" failed`);
      } finally {
        state.lastFinishedAt = this.#now();
      }
    })();
    // Settles synchronously into the next state, so no other run can start in between.
    const settled = run.then((error) => {
      state.running = undefined;
      const queued = state.queued;
      state.queued = undefined;
      if (this.#stopped) {
        queued?.resolve(new Error('the scheduler stopped before the task could run again'));
      } else if (queued) {
        queued.resolve(this.#run(state));
      } else {
        this.#arm(state);
      }
      return error;
    });
    state.running = settled;
    return settled;
  }

  #arm(state: TaskState): void {
    const timer = setTimeout(() => {
      state.timer = undefined;
      if (!state.running && !this.#stopped) void this.#run(state);
    }, jitteredDelay(state.intervalMs, this.#jitter, this.#random));
    timer.unref();
    state.timer = timer;
  }

  #disarm(state: TaskState): void {
    clearTimeout(state.timer);
    clearImmediate(state.startup);
    state.timer = undefined;
    state.startup = undefined;
  }
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T | Promise<T>) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
