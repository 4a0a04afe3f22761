// temporary profiling driver (not part of the deliverable)
import path from 'node:path';
import { spawnServer, freePort, waitUntilAccepting, readCredentials, STRONGROOM_BIN } from './servers.ts';
import { RequestSigner } from './load/signer.ts';
import { measureThroughput } from './throughput.ts';
import { SCENARIOS } from './scenarios.ts';
const dataDir = '/tmp/sr-data';
const port = await freePort();
const server = spawnServer(process.argv[3] === 'bare' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/sr-prof4', 'bench/bare-server.js', '--port', String(port)] : ['--cpu-prof', '--cpu-prof-dir=/tmp/sr-prof3', STRONGROOM_BIN, 'start', '--port', String(port), '--data', dataDir, '--log-level', process.argv[2] ?? 'warn'], port);
await waitUntilAccepting(server);
const creds = readCredentials(path.join(dataDir, 'credentials'))!;
const s = SCENARIOS[0];
const signer = new RequestSigner(new URL(server.url), creds, s.service, s.region);
const r = await measureThroughput(server, signer, () => s.build(undefined), 'replay', { concurrency: 16, warmupMs: 1000, durationMs: 6000, poolSize: 256 });
console.log(r.requestsPerSecond.toFixed(0), 'req/s', r.serverCpuUsPerRequest.toFixed(1), 'us/req', r.errors, 'errors');
await server.stop();
