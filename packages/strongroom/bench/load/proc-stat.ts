/**
 * A process's own CPU accounting from Linux's /proc: user + system time of all
 * its threads (the event loop, libuv's pool, GC), independent of the client.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface CpuTicks {
  utime: number;
  stime: number;
  /** User and system time of the process's children that have exited and been waited for. */
  cutime: number;
  cstime: number;
}

/**
 * Parses the contents of /proc/<pid>/stat. The second field (the command name)
 * is parenthesised and may itself contain spaces and parentheses, so fields are
 * counted from the last ')'. utime, stime, cutime and cstime are fields 14 to
 * 17 (1-based).
 */
export function parseProcStat(text: string): CpuTicks {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error('unrecognised /proc/<pid>/stat: no command name');
  // After ')' comes field 3 (state), so field k is at index k - 3.
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const [utime, stime, cutime, cstime] = fields.slice(14 - 3, 18 - 3).map(Number);
  if (![utime, stime, cutime, cstime].every(Number.isInteger)) throw new Error('unrecognised /proc/<pid>/stat: utime..cstime are not integers');
  return { utime, stime, cutime, cstime };
}

/** Parses a "VmRSS:   12345 kB"-style field of /proc/<pid>/status into bytes; undefined when absent. */
export function parseProcStatusKb(text: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : undefined;
}

let ticksPerSecond: number | undefined;

/** The kernel's clock tick (USER_HZ) from `getconf CLK_TCK`; 100 when that is unavailable. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isInteger(value) && value > 0 ? value : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface CpuSeconds {
  user: number;
  system: number;
}

/** CPU seconds the process has used so far, in user space and in the kernel on its behalf. */
export function processCpuSeconds(pid: number): CpuSeconds {
  const { utime, stime } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const hz = clockTicksPerSecond();
  return { user: utime / hz, system: stime / hz };
}

/**
 * CPU seconds of this process plus its exited children (spawned servers,
 * once reaped): what the benchmark itself caused, for telling noise apart.
 */
export function ownAndChildrenCpuSeconds(): number {
  try {
    const t = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
    return (t.utime + t.stime + t.cutime + t.cstime) / clockTicksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/** Resident set size now and its peak, in bytes (undefined fields when /proc does not say). */
export function processMemory(pid: number): { rss?: number; peakRss?: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: parseProcStatusKb(text, 'VmRSS'), peakRss: parseProcStatusKb(text, 'VmHWM') };
  } catch {
    return {};
  }
}

export interface SystemCpuTicks {
  /** Ticks spent on anything but idle and iowait, all CPUs together. */
  busy: number;
  /** Ticks a hypervisor gave to other guests while this one wanted to run. */
  steal: number;
}

/**
 * Parses the aggregate "cpu" line of /proc/stat: user nice system idle iowait
 * irq softirq steal [guest guest_nice] (guest time is already inside user).
 */
export function parseSystemStat(text: string): SystemCpuTicks {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('unrecognised /proc/stat: no aggregate cpu line');
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + (irq || 0) + (softirq || 0);
  if (!Number.isFinite(busy)) throw new Error('unrecognised /proc/stat: cpu line is not numeric');
  return { busy, steal: steal || 0 };
}

/** Machine-wide busy CPU seconds so far (all processes), and time stolen by the hypervisor. */
export function systemCpuSeconds(): { busy: number; steal: number } {
  try {
    const { busy, steal } = parseSystemStat(readFileSync('/proc/stat', 'utf8'));
    const hz = clockTicksPerSecond();
    return { busy: busy / hz, steal: steal / hz };
  } catch {
    return { busy: Number.NaN, steal: Number.NaN };
  }
}
