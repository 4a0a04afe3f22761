#!/usr/bin/env node
// Builds dist/: the CLI and server bundled into a few ES modules with esbuild
// (one file to load instead of hundreds: cold start is mostly module loading).
// Native and optional dependencies stay external; PostgreSQL support is a
// separate chunk loaded only when a postgres:// URL is given. Type checking is
// `npm run typecheck`'s job, not this script's.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minify: true,
  keepNames: true,
  external: ['better-sqlite3', 'pg'],
  // Bundled CommonJS dependencies call require(); give them one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
