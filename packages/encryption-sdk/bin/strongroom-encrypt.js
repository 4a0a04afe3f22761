#!/usr/bin/env node
// The strongroom-encrypt command: runs the compiled CLI (dist/, built by
// `npm run build`, or `prepare` on install/pack). Plain Node, no tsx.
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
