// temporary experiment driver (not part of the deliverable)
import path from 'node:path';
import { spawnServer, freePort, waitUntilAccepting, readCredentials, bareArgs, strongroomArgs } from './servers.ts';
import { RequestSigner } from './load/signer.ts';
import { measureThroughput } from './throughput.ts';
import { SCENARIOS } from './scenarios.ts';
const dataDir = '/tmp/sr-data';
const creds = readCredentials(path.join(dataDir, 'credentials'))!;
const s = SCENARIOS[0];
for (const kind of ['bare', 'real']) {
  const port = await freePort();
  const server = spawnServer(kind === 'bare' ? bareArgs(port) : strongroomArgs(dataDir, port, 'warn'), port);
  await waitUntilAccepting(server);
  const signer = new RequestSigner(new URL(server.url), creds, s.service, s.region);
  for (const concurrency of (process.argv[2] ?? '1,4,16').split(',').map(Number)) for (const mode of ['replay', 'signed'] as const) {
    const r = await measureThroughput(server, signer, () => s.build(undefined), mode, { concurrency, warmupMs: 1000, durationMs: 4000, poolSize: 256 });
    console.log(kind, mode, 'c=' + concurrency, r.requestsPerSecond.toFixed(0), 'req/s', 'srv', r.serverCpuUsPerRequest.toFixed(1), 'us/req (sys', r.serverSystemUsPerRequest.toFixed(1) + ')', 'cores', r.serverCores.toFixed(2), 'cli', r.clientCpuUsPerRequest.toFixed(1), 'p50', r.latencyMs.p50.toFixed(2));
  }
  await server.stop();
}
