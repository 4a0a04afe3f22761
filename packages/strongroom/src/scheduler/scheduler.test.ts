import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { jitteredDelay, Scheduler } from './scheduler.ts';

function capturingLogger(): { log: pino.Logger; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('Scheduler', () => {
  it('runs a task once at start, without waiting for the interval, with the injected clock', async () => {
    const { log } = capturingLogger();
    const clock = new Date('2030-01-02T03:04:05Z');
    const scheduler = new Scheduler({ log, now: () => clock });
    const seen: Date[] = [];
    scheduler.every('daily', 86_400_000, async (now) => void seen.push(now));
    assert.deepEqual(seen, [], 'the start run begins on the next turn of the event loop, not inside every()');
    try {
      await until(() => seen.length === 1, 'the start run');
      assert.equal(seen[0], clock);
      const [status] = scheduler.status();
      assert.deepEqual(
        { ...status, lastFinishedAt: undefined },
        { name: 'daily', intervalMs: 86_400_000, running: false, succeeded: 1, failed: 0, lastStartedAt: clock, lastFinishedAt: undefined, lastError: undefined },
      );
    } finally {
      await scheduler.stop();
    }
  });

  it('runs again every interval, counted from the end of the previous run', async () => {
    const { log } = capturingLogger();
    const scheduler = new Scheduler({ log, jitter: 0 });
    const runs: Array<{ start: number; end: number }> = [];
    scheduler.every('tick', 40, async () => {
      const start = performance.now();
      await sleep(15);
      runs.push({ start, end: performance.now() });
    });
    try {
      await until(() => runs.length >= 3, 'three runs');
      for (let i = 1; i < runs.length; i++) {
        const gap = runs[i]!.start - runs[i - 1]!.end;
        assert.ok(gap >= 39, `gap ${gap} ms`);
      }
    } finally {
      await scheduler.stop();
    }
  });

  it('never overlaps runs of one task; runNow during a run waits for it and queues one shared follow-up', async () => {
    const { log } = capturingLogger();
    const scheduler = new Scheduler({ log, jitter: 0 });
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release = gate();
    scheduler.every('slow', 1, async () => {
      active += 1;
      runs += 1;
      maxActive = Math.max(maxActive, active);
      await release.promise;
      active -= 1;
    });
    try {
      await until(() => runs === 1, 'the start run');
      const waiting = [scheduler.runNow('slow'), scheduler.runNow('slow'), scheduler.runNow('slow')];
      let settled = 0;
      for (const p of waiting) void p.then(() => (settled += 1));
      await sleep(20);
      assert.equal(runs, 1, 'nothing starts while the first run is going, though the interval is 1 ms');
      assert.equal(settled, 0);
      const first = release;
      release = gate();
      first.open();
      await until(() => runs === 2, 'the follow-up run');
      await sleep(10);
      assert.equal(settled, 0, 'runNow resolves only after the run that started after it');
      release.open();
      await Promise.all(waiting);
      assert.equal(maxActive, 1);
      await until(() => runs >= 4, 'the interval resuming after the follow-up');
      assert.equal(maxActive, 1);
    } finally {
      release.open();
      await scheduler.stop();
    }
  });

  it('runNow when idle runs at once, resolves when done, and restarts the interval', async () => {
    const { log } = capturingLogger();
    const scheduler = new Scheduler({ log, jitter: 0 });
    let runs = 0;
    scheduler.every('hourly', 3_600_000, async () => {
      await sleep(5);
      runs += 1;
    });
    try {
      await until(() => runs === 1, 'the start run');
      await scheduler.runNow('hourly');
      assert.equal(runs, 2);
      await assert.rejects(scheduler.runNow('nope'), /no task named "nope"/);
    } finally {
      await scheduler.stop();
    }
  });

  it('logs a failing run, reports it to runNow, and keeps the task scheduled', async () => {
    const { log, lines } = capturingLogger();
    const scheduler = new Scheduler({ log, jitter: 0 });
    let calls = 0;
    scheduler.every('flaky', 10, async () => {
      calls += 1;
      if (calls <= 2) throw new Error(`boom ${calls}`);
    });
    try {
      await until(() => calls >= 4, 'runs after the failures');
      const failures = lines.filter((l) => l.msg?.startsWith('scheduled task failed'));
      assert.deepEqual(
        failures.map((l) => [l.level, l.task, l.err?.message]),
        [
          [50, 'flaky', 'boom 1'],
          [50, 'flaky', 'boom 2'],
        ],
      );
      const status = scheduler.status()[0]!;
      assert.equal(status.failed, 2);
      assert.ok(status.succeeded >= 2);
      assert.equal(status.lastError, undefined, 'cleared by the later successes');

      scheduler.every('always-fails', 3_600_000, () => Promise.reject(new Error('nope')));
      await until(() => scheduler.status()[1]!.failed === 1, 'the start run of always-fails');
      await assert.rejects(scheduler.runNow('always-fails'), /nope/);
      assert.equal(scheduler.status()[1]!.lastError, 'nope');
    } finally {
      await scheduler.stop();
    }
  });

  it('a synchronous throw is caught like a rejection', async () => {
    const { log, lines } = capturingLogger();
    const scheduler = new Scheduler({ log });
    scheduler.every('sync', 3_600_000, (() => {
      throw new Error('sync throw');
    }) as unknown as () => Promise<void>);
    try {
      await until(() => lines.some((l) => l.err?.message === 'sync throw'), 'the logged error');
    } finally {
      await scheduler.stop();
    }
  });

  it('stop() waits for running tasks, then nothing runs again', async () => {
    const { log } = capturingLogger();
    const scheduler = new Scheduler({ log, jitter: 0 });
    const release = gate();
    let runs = 0;
    let finished = false;
    scheduler.every('busy', 5, async () => {
      runs += 1;
      if (runs === 1) {
        await release.promise;
        finished = true;
      }
    });
    await until(() => runs === 1, 'the start run');
    const queuedRun = scheduler.runNow('busy');
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await sleep(20);
    assert.equal(stopped, false, 'stop() must wait for the running task');
    release.open();
    await stopping;
    assert.equal(finished, true);
    await assert.rejects(queuedRun, /stopped before the task could run again/);
    await sleep(30);
    assert.equal(runs, 1);
    assert.throws(() => scheduler.every('late', 5, async () => {}), /stopped/);
    await assert.rejects(scheduler.runNow('busy'), /stopped/);
    await scheduler.stop();
  });

  it('a task stopped before its start run never runs', async () => {
    const { log } = capturingLogger();
    const scheduler = new Scheduler({ log });
    let runs = 0;
    scheduler.every('never', 5, async () => void (runs += 1));
    await scheduler.stop();
    await sleep(20);
    assert.equal(runs, 0);
  });

  it('rejects duplicate names and bad intervals', async () => {
    const { log } = capturingLogger();
    const scheduler = new Scheduler({ log });
    scheduler.every('a', 3_600_000, async () => {});
    assert.throws(() => scheduler.every('a', 1000, async () => {}), /already scheduled/);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => scheduler.every(`b${bad}`, bad, async () => {}), RangeError);
    assert.throws(() => new Scheduler({ log, jitter: 1 }), RangeError);
    await scheduler.stop();
  });

  it('does not keep the process alive', () => {
    const schedulerModule = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scheduler.ts');
    const script = `
      import { pino } from 'pino';
      import { Scheduler } from ${JSON.stringify(schedulerModule)};
      const s = new Scheduler({ log: pino({ level: 'silent' }) });
      s.every('t', 60_000, async () => { console.log('ran'); });
    `;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), 'ran', 'the start run happens before the process exits');
    assert.ok(Date.now() - started < 15_000, 'the process exited without waiting for the next interval');
  });
});

describe('jitteredDelay', () => {
  it('varies by at most ± jitter, and stays a valid timer delay', () => {
    assert.equal(jitteredDelay(1000, 0.1, () => 0), 900);
    assert.equal(jitteredDelay(1000, 0.1, () => 0.5), 1000);
    assert.equal(jitteredDelay(1000, 0.1, () => 0.999999), 1100);
    assert.equal(jitteredDelay(1000, 0, Math.random), 1000);
    assert.equal(jitteredDelay(40 * 86_400_000, 0.1, () => 0.5), 2 ** 31 - 1);
  });
});
