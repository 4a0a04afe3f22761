#!/usr/bin/env node
// The strongroom-encrypt command. Runs the compiled CLI when the package has
// been built (dist/), otherwise the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
let runCli;
if (existsSync(compiled)) {
  ({ runCli } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
}
process.exitCode = await runCli(process.argv.slice(2));
