/** Where benchmark results go and which commit they measured (shared by both packages' benchmarks). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The short commit id of the checkout, or null outside git. */
export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** `<dir>/<date>-<name>.json`, numbered -2, -3, … when that file exists. */
export function resultPath(dir: string, name: string, date: Date): string {
  mkdirSync(dir, { recursive: true });
  const base = `${date.toISOString().slice(0, 10)}-${name}`;
  let file = path.join(dir, `${base}.json`);
  for (let n = 2; existsSync(file); n++) file = path.join(dir, `${base}-${n}.json`);
  return file;
}
