/**
 * Runs the CLI from src/ (through tsx, as every test here uses the sources;
 * bin/strongroom-encrypt.js runs the built dist/). With
 * STRONGROOM_ENCRYPT_TEST_RSS_FILE set, writes the process's peak resident
 * set size in bytes to that file on exit (for the bounded-memory test).
 */
import { writeFileSync } from 'node:fs';
import { runCli } from '../../src/cli/main.ts';

const rssFile = process.env.STRONGROOM_ENCRYPT_TEST_RSS_FILE;
if (rssFile) process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS * 1024)));
process.exitCode = await runCli(process.argv.slice(2));
