/**
 * The throughput part of `npm run bench`: which servers run, in which modes
 * and log levels, each scenario's setup, and a progress line per run.
 */
import { HttpClient } from './load/http-client.ts';
import { RequestSigner, type Credentials, type HashImplementation } from './load/signer.ts';
import { runRecord, type RunRecord } from './report.ts';
import { SCENARIOS, type Scenario, type SetupClient } from './scenarios.ts';
import { bareArgs, freePort, spawnServer, strongroomArgs, waitUntilAccepting, type LogLevel, type ServerProcess } from './servers.ts';
import { measureThroughput, type Mode, type ThroughputSettings } from './throughput.ts';

/** The ceiling answers GetCallerIdentity-shaped requests. */
const CEILING_SHAPE = SCENARIOS[0];

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

export interface Skipped {
  scenario: string;
  /** strongroom's log level for the runs that were skipped. */
  logLevel: LogLevel;
  /** not-implemented: the server answered UnknownOperation/InvalidAction (expected while a service is being built); failed: anything else. */
  kind: 'not-implemented' | 'failed';
  reason: string;
}

const NOT_IMPLEMENTED = /UnknownOperationException|InvalidAction/;

async function withServer<T>(args: (port: number) => string[], use: (server: ServerProcess) => Promise<T>): Promise<T> {
  const port = await freePort();
  const server = spawnServer(args(port), port);
  try {
    await waitUntilAccepting(server);
    return await use(server);
  } finally {
    await server.stop();
  }
}

export interface SuiteOptions extends ThroughputSettings {
  dataDir: string;
  credentials: Credentials;
  scenarios: Scenario[];
  skip: ReadonlySet<string>;
  hash: HashImplementation;
}

/**
 * The ceiling (bare server, replay and signed), then every scenario against
 * Strongroom at --log-level warn, then the first scenario at the default
 * level. A scenario whose setup or first request fails is not measured and
 * goes into `skipped`, as not implemented or as failed.
 */
export async function runThroughputSuite(options: SuiteOptions, skipped: Skipped[]): Promise<RunRecord[]> {
  const { dataDir, credentials, scenarios } = options;
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
    const signer = new RequestSigner(new URL(server.url), credentials, CEILING_SHAPE.service, CEILING_SHAPE.region, options.hash);
    for (const mode of modes) report(runRecord('bare', 'ceiling', null, await measureThroughput(server, signer, () => CEILING_SHAPE.build(undefined), mode, options)));
  });

  const measureScenarios = async (server: ServerProcess, logLevel: LogLevel, list: Scenario[], listModes: Mode[]) => {
    for (const scenario of list) {
      const client = setupClient(server.url, credentials, scenario.region, options.hash);
      let state: unknown;
      try {
        state = scenario.setup ? await scenario.setup(client) : undefined;
        await client.call(scenario.service, scenario.build(state)); // one request must succeed before load is worth running
      } catch (error) {
        const reason = (error as Error).message.slice(0, 300);
        const kind = NOT_IMPLEMENTED.test(reason) ? 'not-implemented' : 'failed';
        skipped.push({ scenario: scenario.name, logLevel, kind, reason });
        process.stdout.write(`  ${scenario.name} (${logLevel}): ${kind === 'failed' ? 'FAILED' : 'skipped, not implemented'} (${reason.slice(0, 120)})\n`);
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
