/**
 * `npm run bench`: cold start and throughput of the real server (compiled,
 * started as a user starts it) against a bare node:http ceiling measured in the
 * same run. Prints tables and writes bench/results/<date>-<name>.json.
 * See docs/PERFORMANCE.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coldStartOnce, type ColdStartSample } from './cold-start.ts';
import { HttpClient } from './load/http-client.ts';
import { performance } from 'node:perf_hooks';
import { clockTicksPerSecond, ownAndChildrenCpuSeconds, systemCpuSeconds } from './load/proc-stat.ts';
import { RequestSigner, type Credentials, type HashImplementation, type PreparedRequest } from './load/signer.ts';
import { ratio, round } from './load/stats.ts';
import { coldStartFigures, coldStartTable, runRecord, throughputTable, type ColdStartFigures, type RunRecord } from './report.ts';
import { SCENARIOS, selectScenarios, type Scenario, type SetupClient } from './scenarios.ts';
import { bareArgs, freePort, initDataDir, readCredentials, spawnServer, STRONGROOM_DIST_ENTRY, strongroomArgs, waitUntilAccepting, type LogLevel } from './servers.ts';
import { measureThroughput, type Mode, type ThroughputSettings } from './throughput.ts';

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

const COLD_SCENARIO = SCENARIOS[0]; // sts:GetCallerIdentity

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

// ---- cold start ----------------------------------------------------------

interface ColdStartResults {
  bare: ColdStartFigures;
  strongroom: ColdStartFigures;
  /** One start on an empty data directory (creates the store, root key and credentials). */
  strongroomFirstEver: ColdStartSample;
  ratio: number | null;
  targets: { medianUnder300Ms: boolean; atMost1_5xBare: boolean };
  /** Cores used by other processes (plus steal) while the cold starts ran: noise, ideally ~0. */
  noiseCores: number;
}

async function coldStarts(work: string, dataDir: string, credentials: Credentials, options: Options): Promise<ColdStartResults> {
  const build = () => COLD_SCENARIO.build(undefined);
  const signerFor = (port: number, creds: Credentials) => new RequestSigner(new URL(`http://127.0.0.1:${port}`), creds, COLD_SCENARIO.service, COLD_SCENARIO.region, options.hash);

  const wallStart = performance.now();
  const systemStart = systemCpuSeconds();
  const ownStart = ownAndChildrenCpuSeconds();

  // First ever, on an empty directory: credentials appear only once the server has created them.
  const firstDir = path.join(work, 'first-start');
  mkdirSync(firstDir);
  const firstPort = await freePort();
  let signed: PreparedRequest | undefined;
  const firstEver = await coldStartOnce(strongroomArgs(firstDir, firstPort), firstPort, async () => {
    if (signed) return signed;
    const creds = readCredentials(path.join(firstDir, 'credentials'));
    if (creds) signed = await signerFor(firstPort, creds).sign(build());
    return signed;
  });
  process.stdout.write(`  first start on an empty data dir: ${round(firstEver.totalMs, 1)} ms\n`);

  // Already initialised: the request is signed before the spawn, so no client work is timed.
  const bare: ColdStartSample[] = [];
  const real: ColdStartSample[] = [];
  for (let i = 0; i < options.coldRuns; i++) {
    for (const [samples, args] of [
      [bare, bareArgs] as const,
      [real, (p: number) => strongroomArgs(dataDir, p)] as const,
    ]) {
      const port = await freePort();
      const request = await signerFor(port, credentials).sign(build());
      samples.push(await coldStartOnce(args(port), port, async () => request));
    }
    process.stdout.write(`  cold start ${i + 1}/${options.coldRuns}: bare ${round(bare[i].totalMs, 1)} ms, strongroom ${round(real[i].totalMs, 1)} ms\n`);
  }
  const seconds = (performance.now() - wallStart) / 1000;
  const systemEnd = systemCpuSeconds();
  const other = systemEnd.busy - systemStart.busy + (systemEnd.steal - systemStart.steal) - (ownAndChildrenCpuSeconds() - ownStart);
  const bareFigures = coldStartFigures(bare);
  const realFigures = coldStartFigures(real);
  const coldRatio = ratio(realFigures.medianMs, bareFigures.medianMs);
  return {
    bare: bareFigures,
    strongroom: realFigures,
    strongroomFirstEver: { ...firstEver, totalMs: round(firstEver.totalMs, 1), ...(firstEver.listeningMs !== undefined ? { listeningMs: round(firstEver.listeningMs, 1) } : {}) },
    ratio: coldRatio,
    targets: { medianUnder300Ms: realFigures.medianMs < 300, atMost1_5xBare: coldRatio !== null && coldRatio <= 1.5 },
    noiseCores: round(Math.max(0, other) / seconds, 2),
  };
}

// ---- throughput ----------------------------------------------------------

function setupClient(url: string, credentials: Credentials, region: string, hash: HashImplementation): SetupClient & { close(): void } {
  const http = new HttpClient(url, { maxSockets: 2 });
  const signers = new Map<string, RequestSigner>();
  return {
    async call(service, request) {
      let signer = signers.get(service);
      if (!signer) signers.set(service, (signer = new RequestSigner(new URL(url), credentials, service, region, hash)));
      const response = await http.send(await signer.sign(request));
      const text = response.body.toString('utf8');
      if (response.status < 200 || response.status > 299) {
        throw new Error(`${request.headers['x-amz-target'] ?? 'request'} answered ${response.status}: ${text.slice(0, 300)}`);
      }
      return { status: response.status, text, json: <T>() => JSON.parse(text) as T };
    },
    close: () => http.close(),
  };
}

interface Skipped {
  scenario: string;
  reason: string;
}

async function withServer<T>(args: (port: number) => string[], use: (server: ReturnType<typeof spawnServer>) => Promise<T>): Promise<T> {
  const port = await freePort();
  const server = spawnServer(args(port), port);
  try {
    await waitUntilAccepting(server);
    return await use(server);
  } finally {
    await server.stop();
  }
}

async function throughputRuns(dataDir: string, credentials: Credentials, scenarios: Scenario[], options: Options, skipped: Skipped[]): Promise<RunRecord[]> {
  const modes: Mode[] = options.skip.has('signed') ? ['replay'] : ['replay', 'signed'];
  const runs: RunRecord[] = [];
  const report = (record: RunRecord) => {
    runs.push(record);
    const flag = record.flagged ? `  ${record.errors} ERRORS` : '';
    process.stdout.write(
      `  ${record.target} ${record.scenario} ${record.mode}${record.logLevel ? ` (${record.logLevel})` : ''}: ${record.requestsPerSecond} req/s, p99 ${record.latencyMs.p99} ms, server ${record.serverCpuUsPerRequest} µs/req${flag}\n`,
    );
  };

  // The ceiling: the same requests (GetCallerIdentity-shaped), answered by bare node:http.
  await withServer(bareArgs, async (server) => {
    const signer = new RequestSigner(new URL(server.url), credentials, COLD_SCENARIO.service, COLD_SCENARIO.region, options.hash);
    for (const mode of modes) report(runRecord('bare', 'ceiling', null, await measureThroughput(server, signer, () => COLD_SCENARIO.build(undefined), mode, options)));
  });

  const measureScenarios = async (server: ReturnType<typeof spawnServer>, logLevel: LogLevel | 'info', list: Scenario[], listModes: Mode[]) => {
    for (const scenario of list) {
      const client = setupClient(server.url, credentials, scenario.region, options.hash);
      let state: unknown;
      try {
        state = scenario.setup ? await scenario.setup(client) : undefined;
        await client.call(scenario.service, scenario.build(state)); // one request must succeed before load is worth running
      } catch (error) {
        skipped.push({ scenario: scenario.name, reason: (error as Error).message.slice(0, 300) });
        process.stdout.write(`  ${scenario.name}: skipped (${(error as Error).message.slice(0, 120)})\n`);
        continue;
      } finally {
        client.close();
      }
      const signer = new RequestSigner(new URL(server.url), credentials, scenario.service, scenario.region, options.hash);
      for (const mode of listModes) report(runRecord('strongroom', scenario.name, logLevel, await measureThroughput(server, signer, () => scenario.build(state), mode, options)));
    }
  };

  await withServer((port) => strongroomArgs(dataDir, port, 'warn'), (server) => measureScenarios(server, 'warn', scenarios, modes));
  if (!options.skip.has('info')) {
    // Default log level (info): one access-log line per request; shows what logging costs.
    await withServer((port) => strongroomArgs(dataDir, port), (server) => measureScenarios(server, 'info', scenarios.slice(0, 1), ['replay']));
  }
  return runs;
}

interface Ratios {
  scenario: string;
  /** strongroom replay req/s ÷ bare replay req/s. */
  throughput: number | null;
  /** strongroom server CPU µs/request ÷ bare server CPU µs/request (replay runs). */
  cpuPerRequest: number | null;
  /** strongroom signed req/s ÷ bare signed req/s (both bounded by the client's signing). */
  signedThroughput: number | null;
}

function ratios(runs: RunRecord[]): { perScenario: Ratios[]; logging?: { scenario: string; cpuPerRequestInfoOverWarn: number | null; throughputInfoOverWarn: number | null } } {
  const find = (target: string, scenario: string, mode: Mode, logLevel: string | null) =>
    runs.find((r) => r.target === target && r.scenario === scenario && r.mode === mode && r.logLevel === logLevel);
  const bareReplay = find('bare', 'ceiling', 'replay', null);
  const bareSigned = find('bare', 'ceiling', 'signed', null);
  const names = [...new Set(runs.filter((r) => r.target === 'strongroom' && r.logLevel === 'warn').map((r) => r.scenario))];
  const perScenario = names.map((scenario) => {
    const replay = find('strongroom', scenario, 'replay', 'warn');
    const signed = find('strongroom', scenario, 'signed', 'warn');
    return {
      scenario,
      throughput: ratio(replay?.requestsPerSecond, bareReplay?.requestsPerSecond),
      cpuPerRequest: ratio(replay?.serverCpuUsPerRequest, bareReplay?.serverCpuUsPerRequest),
      signedThroughput: ratio(signed?.requestsPerSecond, bareSigned?.requestsPerSecond),
    };
  });
  const info = runs.find((r) => r.target === 'strongroom' && r.logLevel === 'info');
  const warn = info && find('strongroom', info.scenario, 'replay', 'warn');
  return {
    perScenario,
    ...(info && warn
      ? {
          logging: {
            scenario: info.scenario,
            cpuPerRequestInfoOverWarn: ratio(info.serverCpuUsPerRequest, warn.serverCpuUsPerRequest),
            throughputInfoOverWarn: ratio(info.requestsPerSecond, warn.requestsPerSecond),
          },
        }
      : {}),
  };
}

// ---- main ----------------------------------------------------------------

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

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

function resultPath(name: string, date: Date): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const base = `${date.toISOString().slice(0, 10)}-${name}`;
  let file = path.join(dir, `${base}.json`);
  for (let n = 2; existsSync(file); n++) file = path.join(dir, `${base}-${n}.json`);
  return file;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
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
      coldStart = await coldStarts(work, dataDir, credentials, options);
    }
    console.log(`throughput (concurrency ${options.concurrency}, ${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured per run):`);
    const skipped: Skipped[] = [];
    const runs = await throughputRuns(dataDir, credentials, scenarios, options, skipped);
    const computed = ratios(runs);
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
    for (const s of skipped) console.log(`skipped ${s.scenario}: ${s.reason.split('\n')[0]}`);
    const flagged = runs.filter((r) => r.flagged);
    for (const r of flagged) console.log(`FLAGGED ${r.target} ${r.scenario} ${r.mode}: ${r.errors} errors, e.g. ${JSON.stringify(r.errorSamples?.[0])}`);

    if (options.save) {
      const file = resultPath(options.name, started);
      writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
      console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
    }
    return flagged.length > 0 ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  return 1;
});
