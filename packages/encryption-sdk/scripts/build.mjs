#!/usr/bin/env node
// Builds dist/ (what the package publishes): JavaScript + .d.ts from src/
// with tsc and tsconfig.build.json (tests excluded; `.ts` relative imports
// rewritten to `.js`). dist/ is emptied first so removed sources leave no
// stale modules behind. Runs on `npm run build` and `prepare` (npm ci/pack).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
