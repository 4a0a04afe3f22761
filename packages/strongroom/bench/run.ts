/**
 * `npm run bench`: cold start and throughput of the real server (compiled,
 * started as a user starts it) against a bare node:http ceiling measured in the
 * same run. Prints tables and writes bench/results/<date>-<name>.json.
 * See docs/PERFORMANCE.md.
 */
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gitCommit, resultPath } from './result-files.ts';
import { measureColdStarts, type ColdStartResults } from './cold-start.ts';
import { clockTicksPerSecond } from './load/proc-stat.ts';
import type { HashImplementation } from './load/signer.ts';
import { round } from './load/stats.ts';
import { coldStartTable, computeRatios, throughputTable } from './report.ts';
import { SCENARIOS, selectScenarios } from './scenarios.ts';
import { initDataDir, readCredentials, STRONGROOM_DIST_ENTRY } from './servers.ts';
import type { ThroughputSettings } from './throughput.ts';
import { runThroughputSuite, type Skipped } from './throughput-suite.ts';

const HELP = `npm run bench [-- options]

  --duration S      measured phase of each throughput run, seconds (default 8)
  --warmup S        warm-up before each measured phase, excluded from figures (default 2)
  --requests N      also end each measured phase after N requests
  --concurrency N   closed-loop workers (default 16)
  --pool N          pre-signed requests cycled in replay mode (default 256)
  --only LIST       scenarios, comma-separated, exact or substring (e.g. sts,kms:Encrypt)
  --skip LIST       parts to leave out: cold, signed, info
  --cold-runs N     cold starts per server (default 10)
  --hash node|js    SHA-256 for client signing: node:crypto as the SDK uses in Node (default) or @aws-crypto/sha256-js
  --name NAME       short name in the result file name (default "local")
  --no-save         print only; write no result file
`;

interface Options extends ThroughputSettings {
  only?: string;
  skip: Set<string>;
  coldRuns: number;
  hash: HashImplementation;
  name: string;
  save: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      requests: { type: 'string' },
      concurrency: { type: 'string', default: '16' },
      pool: { type: 'string', default: '256' },
      only: { type: 'string' },
      skip: { type: 'string', default: '' },
      'cold-runs': { type: 'string', default: '10' },
      hash: { type: 'string', default: 'node' },
      name: { type: 'string', default: 'local' },
      'no-save': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const number = (flag: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${flag} must be a number ≥ ${min}, got "${value}"`);
    return n;
  };
  const skip = new Set(values.skip.split(',').map((s) => s.trim()).filter(Boolean));
  for (const part of skip) if (!['cold', 'signed', 'info'].includes(part)) throw new Error(`--skip: unknown part "${part}" (cold, signed, info)`);
  if (values.hash !== 'node' && values.hash !== 'js') throw new Error('--hash must be node or js');
  if (!/^[\w.-]+$/.test(values.name)) throw new Error('--name may contain letters, digits, "_", "." and "-" only');
  return {
    durationMs: number('duration', values.duration, 0.1) * 1000,
    warmupMs: number('warmup', values.warmup, 0) * 1000,
    maxRequests: values.requests === undefined ? undefined : Math.floor(number('requests', values.requests, 1)),
    concurrency: Math.floor(number('concurrency', values.concurrency, 1)),
    poolSize: Math.floor(number('pool', values.pool, 1)),
    only: values.only,
    skip,
    coldRuns: Math.floor(number('cold-runs', values['cold-runs'], 1)),
    hash: values.hash,
    name: values.name,
    save: !values['no-save'],
  };
}

function machine(loadAverageAtStart: number[]) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    clockTicksPerSecond: clockTicksPerSecond(),
    loadAverageAtStart: loadAverageAtStart.map((n) => round(n, 2)),
    loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
  };
}


async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (!existsSync(STRONGROOM_DIST_ENTRY)) {
    console.error('bench: the server is not built (dist/ is missing). Run `npm run build` in the repository root first.');
    return 1;
  }
  const scenarios = selectScenarios(SCENARIOS, options.only);
  if (scenarios.length === 0) {
    console.error(`bench: --only "${options.only}" matches no scenario (${SCENARIOS.map((s) => s.name).join(', ')})`);
    return 2;
  }

  const started = new Date();
  const loadAverageAtStart = os.loadavg();
  const work = mkdtempSync(path.join(os.tmpdir(), 'strongroom-bench-'));
  try {
    const dataDir = path.join(work, 'data');
    await initDataDir(dataDir);
    const credentials = readCredentials(path.join(dataDir, 'credentials'));
    if (!credentials) throw new Error(`strongroom init wrote no [strongroom] profile to ${dataDir}/credentials`);

    let coldStart: ColdStartResults | undefined;
    if (!options.skip.has('cold')) {
      console.log(`cold start (${options.coldRuns} runs each, default log level):`);
      coldStart = await measureColdStarts({ work, dataDir, credentials, runs: options.coldRuns, hash: options.hash });
    }
    console.log(`throughput (concurrency ${options.concurrency}, ${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured per run):`);
    const skipped: Skipped[] = [];
    const runs = await runThroughputSuite({ ...options, dataDir, credentials, scenarios }, skipped);
    const computed = computeRatios(runs);
    const noisiest = Math.max(coldStart?.noiseCores ?? 0, ...runs.map((r) => (Number.isFinite(r.otherCores) ? r.otherCores : 0)));

    const result = {
      schema: 1,
      date: started.toISOString(),
      command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
      durationS: round((Date.now() - started.getTime()) / 1000, 1),
      machine: machine(loadAverageAtStart),
      strongroom: { commit: gitCommit() },
      settings: {
        concurrency: options.concurrency,
        warmupS: options.warmupMs / 1000,
        durationS: options.durationMs / 1000,
        maxRequests: options.maxRequests ?? null,
        replayPool: options.poolSize,
        coldRuns: options.coldRuns,
        signingHash: options.hash,
      },
      coldStart: coldStart ?? null,
      throughput: runs,
      ratios: computed,
      skipped,
    };

    console.log('');
    if (coldStart) {
      console.log(
        coldStartTable([
          ['bare|initialised', coldStart.bare],
          ['strongroom|initialised', coldStart.strongroom],
          ['strongroom|empty (first ever)', { runs: 1, medianMs: coldStart.strongroomFirstEver.totalMs, p90Ms: coldStart.strongroomFirstEver.totalMs, minMs: coldStart.strongroomFirstEver.totalMs, maxMs: coldStart.strongroomFirstEver.totalMs, listeningMedianMs: coldStart.strongroomFirstEver.listeningMs }],
        ]),
      );
      const t = coldStart.targets;
      console.log(`cold start ratio (strongroom ÷ bare, medians): ${coldStart.ratio}  targets: median < 300 ms ${t.medianUnder300Ms ? 'MET' : 'MISSED'}, ≤ 1.5× bare ${t.atMost1_5xBare ? 'MET' : 'MISSED'}  (noise ${coldStart.noiseCores} cores)\n`);
    }
    console.log(throughputTable(runs));
    console.log('');
    for (const r of computed.perScenario) {
      console.log(`${r.scenario}: throughput ${r.throughput ?? '–'}× bare (replay), CPU/request ${r.cpuPerRequest ?? '–'}× bare, signed throughput ${r.signedThroughput ?? '–'}× bare signed`);
    }
    if (computed.logging) {
      console.log(`logging at info vs warn (${computed.logging.scenario}): CPU/request ${computed.logging.cpuPerRequestInfoOverWarn}×, throughput ${computed.logging.throughputInfoOverWarn}×`);
    }
    if (noisiest > 0.25) {
      console.log(`NOISY: up to ${noisiest} cores were busy with other processes during a run ("noise" column); compare figures with care.`);
    }
    for (const s of skipped) console.log(`${s.kind === 'failed' ? 'FAILED' : 'skipped (not implemented)'} ${s.scenario} (${s.logLevel}): ${s.reason.split('\n')[0]}`);
    const flagged = runs.filter((r) => r.flagged);
    for (const r of flagged) console.log(`FLAGGED ${r.target} ${r.scenario} ${r.mode}: ${r.errors} errors, e.g. ${JSON.stringify(r.errorSamples?.[0])}`);

    if (options.save) {
      const file = resultPath(fileURLToPath(new URL('./results/', import.meta.url)), options.name, started);
      writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
      console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
    }
    return flagged.length > 0 || skipped.some((s) => s.kind === 'failed') ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  return 1;
});
