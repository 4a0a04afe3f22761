import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockTicksPerSecond, parseProcStat, parseProcStatusKb, parseSystemStat, processCpuSeconds } from './proc-stat.ts';

// Fields 14 to 17 (utime, stime, cutime, cstime) are 1234, 56, 7 and 8.
const STAT = '4242 (node) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 56 7 8 20 0 11 0 7777 1100000000 20000 18446744073709551615 1 1 0 0 0 0 0 4096 134234626 0 0 0 17 1 0 0 0 0 0';

test('parses utime, stime, cutime and cstime', () => {
  assert.deepEqual(parseProcStat(STAT), { utime: 1234, stime: 56, cutime: 7, cstime: 8 });
});

test('a command name with spaces and parentheses does not shift the fields', () => {
  const tricky = STAT.replace('(node)', '(my (odd) name) x)');
  assert.deepEqual(parseProcStat(tricky), { utime: 1234, stime: 56, cutime: 7, cstime: 8 });
});

test('rejects text that is not a stat line', () => {
  assert.throws(() => parseProcStat('nonsense'), /no command name/);
  assert.throws(() => parseProcStat('1 (x) S 1 2'), /not integers/);
});

test('reads kB fields of /proc/<pid>/status as bytes', () => {
  const status = 'Name:\tnode\nVmHWM:\t  81234 kB\nVmRSS:\t   70000 kB\nThreads:\t11\n';
  assert.equal(parseProcStatusKb(status, 'VmRSS'), 70_000 * 1024);
  assert.equal(parseProcStatusKb(status, 'VmHWM'), 81_234 * 1024);
  assert.equal(parseProcStatusKb(status, 'VmSwap'), undefined);
});

test('this process has used some CPU, and the counter does not go backwards', { skip: process.platform !== 'linux' }, () => {
  assert.ok(clockTicksPerSecond() > 0);
  const before = processCpuSeconds(process.pid);
  let x = 0;
  for (let i = 0; i < 1e6; i++) x += i;
  assert.ok(x > 0);
  const after = processCpuSeconds(process.pid);
  assert.ok(after.user >= before.user && after.system >= before.system);
  assert.ok(after.user + after.system > 0);
});

test('reads the aggregate cpu line of /proc/stat', () => {
  const text = 'cpu  100 5 50 9000 20 3 2 7 0 0\ncpu0 50 2 25 4500 10 1 1 3 0 0\nintr 123\n';
  assert.deepEqual(parseSystemStat(text), { busy: 100 + 5 + 50 + 3 + 2, steal: 7 });
  assert.deepEqual(parseSystemStat('cpu 1 2 3 4 5\n'), { busy: 6, steal: 0 });
  assert.throws(() => parseSystemStat('intr 1\n'), /no aggregate cpu line/);
});
