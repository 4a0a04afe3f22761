/**
 * `npm run bench` (Encryption SDK part): this SDK vs @aws-crypto/client-node
 * vs plain node:crypto framing vs openssl, in one run. Prints tables and the
 * issue's targets, and writes bench/results/<date>-<name>.json.
 * See docs/PERFORMANCE.md.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gitCommit, resultPath } from '../../strongroom/bench/result-files.ts';
import { kmsCaching } from './kms-caching.ts';
import { round } from './measure.ts';
import { opensslSpeed } from './openssl.ts';
import { largeTable, smallTable, targets, targetsTable, type BenchResults } from './report.ts';
import { keyrings, largeMessageOurs, largeMessageOursStreaming, largeMessagePlain, largeMessageTheirs, smallMessagesOurs, smallMessagesTheirs } from './scenarios.ts';

const HELP = `npm run bench -w @strongroom/encryption-sdk [-- options]

  --size MIB            large message size in MiB (default 64)
  --runs N              timed runs per large-message figure (default 3)
  --messages N          1 KiB messages for this SDK (default 10000)
  --their-messages N    1 KiB messages for @aws-crypto/client-node (default 1000; it is slower; reported as rates)
  --kms-messages N      messages for the Strongroom KMS caching count (default 10000)
  --skip LIST           parts to leave out: large, small, theirs, kms, openssl, streams
  --openssl-seconds S   duration of openssl speed (default 3)
  --name NAME           short name in the result file name (default "local")
  --no-save             print only; write no result file
`;

interface Options {
  sizeMiB: number;
  runs: number;
  messages: number;
  theirMessages: number;
  kmsMessages: number;
  skip: Set<string>;
  opensslSeconds: number;
  name: string;
  save: boolean;
}

const PARTS = ['large', 'small', 'theirs', 'kms', 'openssl', 'streams'];

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      size: { type: 'string', default: '64' },
      runs: { type: 'string', default: '3' },
      messages: { type: 'string', default: '10000' },
      'their-messages': { type: 'string', default: '1000' },
      'kms-messages': { type: 'string', default: '10000' },
      skip: { type: 'string', default: '' },
      'openssl-seconds': { type: 'string', default: '3' },
      name: { type: 'string', default: 'esdk' },
      'no-save': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const whole = (flag: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} must be a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
  const skip = new Set(values.skip.split(',').map((s) => s.trim()).filter(Boolean));
  for (const part of skip) if (!PARTS.includes(part)) throw new Error(`--skip: unknown part "${part}" (${PARTS.join(', ')})`);
  if (!/^[\w.-]+$/.test(values.name)) throw new Error('--name may contain letters, digits, "_", "." and "-" only');
  return {
    sizeMiB: whole('size', values.size, 1),
    runs: whole('runs', values.runs, 1),
    messages: whole('messages', values.messages, 2),
    theirMessages: whole('their-messages', values['their-messages'], 2),
    kmsMessages: whole('kms-messages', values['kms-messages'], 1),
    skip,
    opensslSeconds: whole('openssl-seconds', values['openssl-seconds'], 1),
    name: values.name,
    save: !values['no-save'],
  };
}

function machine(loadAverageAtStart: number[]) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    opensslInNode: process.versions.openssl,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: loadAverageAtStart.map((n) => round(n, 2)),
    loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
  };
}


function step(text: string): void {
  process.stdout.write(`  ${text}\n`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (options === 'help') {
    console.log(HELP);
    return 0;
  }
  const started = new Date();
  const loadAverageAtStart = os.loadavg();
  const k = keyrings();
  const results: BenchResults = { large: {}, small: {} };
  const { skip } = options;
  console.log('Encryption SDK benchmark (suite 0x0578, frame 4096, raw AES-256 keyring):');

  if (!skip.has('openssl')) {
    step(`openssl speed -evp aes-256-gcm -bytes 4096 (${options.opensslSeconds} s)…`);
    results.openssl = await opensslSpeed(options.opensslSeconds);
  }
  if (!skip.has('large')) {
    const plaintext = randomBytes(options.sizeMiB * 2 ** 20);
    step(`${options.sizeMiB} MiB: node:crypto framing…`);
    results.large.plain = await largeMessagePlain(plaintext, options.runs);
    step(`${options.sizeMiB} MiB: strongroom esdk…`);
    results.large.ours = await largeMessageOurs(plaintext, k, options.runs);
    if (!skip.has('streams')) {
      step(`${options.sizeMiB} MiB: strongroom esdk streams…`);
      results.large.oursStreaming = await largeMessageOursStreaming(plaintext, k, options.runs);
    }
    if (!skip.has('theirs')) {
      step(`${options.sizeMiB} MiB: @aws-crypto/client-node…`);
      results.large.theirs = await largeMessageTheirs(plaintext, k, options.runs);
    }
  }
  if (!skip.has('small')) {
    step(`${options.messages} × 1 KiB: strongroom esdk…`);
    results.small.ours = await smallMessagesOurs(options.messages, 1024, k, false);
    step(`${options.messages} × 1 KiB: strongroom esdk + caching CMM…`);
    results.small.oursCaching = await smallMessagesOurs(options.messages, 1024, k, true);
    if (!skip.has('theirs')) {
      step(`${options.theirMessages} × 1 KiB: @aws-crypto/client-node…`);
      results.small.theirs = await smallMessagesTheirs(options.theirMessages, 1024, k, false);
      step(`${options.theirMessages} × 1 KiB: @aws-crypto/client-node + caching CMM…`);
      results.small.theirsCaching = await smallMessagesTheirs(options.theirMessages, 1024, k, true);
    }
  }
  if (!skip.has('kms')) {
    step(`${options.kmsMessages} × 1 KiB through the caching CMM and a KMS keyring on Strongroom…`);
    results.kmsCaching = await kmsCaching(options.kmsMessages);
  }

  // Overloaded: more runnable work than CPUs during the run (1-minute load average at the end).
  const overloaded = os.loadavg()[0] > os.cpus().length;
  const verdicts = targets(results, overloaded);
  console.log('');
  if (results.large.ours || results.large.plain) console.log(`${largeTable(results)}\n`);
  if (results.small.ours) console.log(`${smallTable(results)}\n`);
  if (results.kmsCaching) {
    const r = results.kmsCaching;
    console.log(`KMS (Strongroom) + caching CMM: ${r.messages} messages, ${r.generateDataKeyCalls} GenerateDataKey, ${r.encrypt.median} messages/s\n`);
  }
  if (results.openssl?.error) console.log(`openssl: ${results.openssl.error}`);
  console.log(targetsTable(verdicts));
  if (overloaded) {
    console.log(`\nNOISY: load average ${round(os.loadavg()[0], 2)} on ${os.cpus().length} CPUs — wall-clock rates are depressed; verdicts use the rates per CPU-second.`);
  }

  if (options.save) {
    const result = {
      schema: 1,
      date: started.toISOString(),
      command: `npm run bench -w @strongroom/encryption-sdk${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
      durationS: round((Date.now() - started.getTime()) / 1000, 1),
      machine: machine(loadAverageAtStart),
      strongroom: { commit: gitCommit() },
      overloaded,
      settings: { suite: '0x0578', frameLength: 4096, sizeMiB: options.sizeMiB, runs: options.runs, messages: options.messages, theirMessages: options.theirMessages, kmsMessages: options.kmsMessages, skipped: [...skip] },
      results,
      targets: verdicts,
    };
    const file = resultPath(fileURLToPath(new URL('./results/', import.meta.url)), options.name, started);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
  }
  // Missed targets are findings, not failures; a failed scenario throws (exit 1).
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  return 1;
});
