/** The Encryption SDK benchmark's tables, ratios and target verdicts. */
import { round } from './measure.ts';
import type { KmsCachingResult } from './kms-caching.ts';
import type { OpensslResult } from './openssl.ts';
import type { LargeMessageResult, SmallMessagesResult } from './scenarios.ts';

export interface BenchResults {
  large: { ours?: LargeMessageResult; oursStreaming?: LargeMessageResult; theirs?: LargeMessageResult; plain?: LargeMessageResult };
  small: { ours?: SmallMessagesResult; oursCaching?: SmallMessagesResult; theirs?: SmallMessagesResult; theirsCaching?: SmallMessagesResult };
  kmsCaching?: KmsCachingResult;
  openssl?: OpensslResult;
}

/** Left-aligned first column, right-aligned numbers (as in packages/strongroom/bench). */
export function table(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined || Number.isNaN(cell) ? '–' : String(cell))))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function largeTable(r: BenchResults): string {
  const rows: [string, LargeMessageResult | undefined][] = [
    ['strongroom esdk (one-shot)', r.large.ours],
    ['strongroom esdk (streams, 64 KiB writes)', r.large.oursStreaming],
    ['@aws-crypto/client-node 5.0.2', r.large.theirs],
    ['node:crypto, cipher per 4 KiB frame', r.large.plain],
  ];
  const body: (string | number | null)[][] = rows
    .filter(([, v]) => v)
    .map(([name, v]) => [name, v!.encrypt.median, v!.encrypt.best, v!.encrypt.perCpuSecond, v!.decrypt.median, v!.decrypt.best, v!.decrypt.perCpuSecond, v!.encrypt.runs]);
  if (r.openssl?.mibPerSecond) body.push(['openssl speed aes-256-gcm 4 KiB', round(r.openssl.mibPerSecond), null, null, null, null, null, null]);
  return table(['large message (MiB/s)', 'enc med', 'enc best', 'enc /cpu-s', 'dec med', 'dec best', 'dec /cpu-s', 'runs'], body);
}

export function smallTable(r: BenchResults): string {
  const rows: [string, SmallMessagesResult | undefined][] = [
    ['strongroom esdk', r.small.ours],
    ['strongroom esdk + caching CMM', r.small.oursCaching],
    ['@aws-crypto/client-node', r.small.theirs],
    ['@aws-crypto/client-node + caching CMM', r.small.theirsCaching],
  ];
  return table(
    ['1 KiB messages (messages/s)', 'messages', 'encrypt', 'enc /cpu-s', 'decrypt', 'dec /cpu-s', 'data keys'],
    rows.filter(([, v]) => v).map(([name, v]) => [name, v!.messages, v!.encrypt.median, v!.encrypt.perCpuSecond, v!.decrypt.median, v!.decrypt.perCpuSecond, v!.keyringEncryptCalls]),
  );
}

export interface Target {
  readonly name: string;
  /** Ratio of median wall-clock rates (or a count). */
  readonly value: number | null;
  /** Ratio of rates per CPU-second (null for counts). */
  readonly cpuValue: number | null;
  readonly goal: string;
  /** Which figure the verdict uses: wall clock, or CPU time when the machine was overloaded. */
  readonly basis: 'wall' | 'cpu' | 'count';
  readonly met: boolean | null;
}

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a !== undefined && b !== undefined && b > 0 ? round(a / b, 2) : null;
}

type Pair = { median: number; perCpuSecond: number } | undefined;

function atLeast(name: string, ours: Pair, reference: Pair, min: number, basis: 'wall' | 'cpu'): Target {
  const value = ratio(ours?.median, reference?.median);
  const cpuValue = ratio(ours?.perCpuSecond, reference?.perCpuSecond);
  const judged = basis === 'wall' ? value : cpuValue;
  return { name, value, cpuValue, goal: `≥ ${min}×`, basis, met: judged === null ? null : judged >= min };
}

/**
 * The targets. Verdicts use median wall-clock rates, or rates per
 * CPU-second when `overloaded` (other processes kept the CPUs busy, which
 * depresses every wall-clock figure by a different amount).
 */
export function targets(r: BenchResults, overloaded = false): Target[] {
  const { large, small } = r;
  const basis = overloaded ? 'cpu' : 'wall';
  const list: Target[] = [
    atLeast('64 MiB encrypt vs client-node', large.ours?.encrypt, large.theirs?.encrypt, 4, basis),
    atLeast('64 MiB decrypt vs client-node', large.ours?.decrypt, large.theirs?.decrypt, 4, basis),
    atLeast('1 KiB encrypt vs client-node (no caching)', small.ours?.encrypt, small.theirs?.encrypt, 3, basis),
    atLeast('1 KiB decrypt vs client-node (no caching)', small.ours?.decrypt, small.theirs?.decrypt, 3, basis),
    atLeast('1 KiB encrypt vs client-node (both caching)', small.oursCaching?.encrypt, small.theirsCaching?.encrypt, 3, basis),
    atLeast('1 KiB decrypt vs client-node (both caching)', small.oursCaching?.decrypt, small.theirsCaching?.decrypt, 3, basis),
    atLeast('64 MiB encrypt vs plain node:crypto framing', large.ours?.encrypt, large.plain?.encrypt, 0.8, basis),
    atLeast('64 MiB decrypt vs plain node:crypto framing', large.ours?.decrypt, large.plain?.decrypt, 0.8, basis),
  ];
  const count = (name: string, calls: number): Target => ({ name, value: calls, cpuValue: null, goal: '≤ 1', basis: 'count', met: calls <= 1 });
  if (small.oursCaching?.keyringEncryptCalls !== undefined) {
    list.push(count(`caching: data keys for ${small.oursCaching.messages} messages (raw AES keyring)`, small.oursCaching.keyringEncryptCalls));
  }
  if (r.kmsCaching) list.push(count(`caching: GenerateDataKey for ${r.kmsCaching.messages} messages (Strongroom KMS)`, r.kmsCaching.generateDataKeyCalls));
  return list;
}

export function targetsTable(list: Target[]): string {
  return table(
    ['target', 'wall ratio', 'cpu ratio', 'goal', 'judged on', 'verdict'],
    list.map((t) => [t.name, t.value, t.cpuValue, t.goal, t.basis, t.met === null ? 'not measured' : t.met ? 'MET' : 'MISSED']),
  );
}
