#!/usr/bin/env node
// Runs a package's *.test.ts files under src/, test/ and bench/ (or those whose
// path contains one of the given substrings) with node's test runner through
// tsx. Node 20's --test does not expand globs itself, so the files are listed here.
//
//   node scripts/run-tests.mjs <package dir> [path substring ...] [--node-test-flag ...]
//   e.g. node scripts/run-tests.mjs packages/strongroom kms/
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const [packageArg, ...rest] = process.argv.slice(2);
if (!packageArg || packageArg.startsWith('--')) {
  console.error('usage: node scripts/run-tests.mjs <package dir> [path substring ...] [--flags]');
  process.exit(2);
}
const root = path.resolve(packageArg);
const filters = rest.filter((arg) => !arg.startsWith('--'));
const flags = rest.filter((arg) => arg.startsWith('--'));

const files = ['src', 'test', 'bench']
  .filter((dir) => existsSync(path.join(root, dir)))
  .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true }).map((file) => path.join(dir, String(file))))
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no test files in ${root}${filters.length ? ` match ${filters.join(', ')}` : ''}`);
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
