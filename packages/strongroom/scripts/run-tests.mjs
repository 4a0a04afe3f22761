#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and bench/ (or those matching the given
// substrings) with node's test runner through tsx. Node 20's --test does not
// expand globs itself, so the files are listed here.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));

const files = ['src', 'test', 'bench']
  .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true }).map((file) => path.join(dir, String(file))))
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(', ')}`);
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
