/**
 * Starting and stopping the servers under test as child processes, exactly as
 * a user runs them: `node bin/strongroom.js start …` (compiled dist/) and
 * `node bench/bare-server.js` for the ceiling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const STRONGROOM_BIN = fileURLToPath(new URL('../bin/strongroom.js', import.meta.url));
export const STRONGROOM_DIST_ENTRY = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const BARE_SERVER = fileURLToPath(new URL('./bare-server.js', import.meta.url));

export type LogLevel = 'info' | 'warn' | 'error' | 'silent';

/** The node arguments that start strongroom; no --log-level means the default (info). */
export function strongroomArgs(dataDir: string, port: number, logLevel?: LogLevel): string[] {
  return [STRONGROOM_BIN, 'start', '--port', String(port), '--data', dataDir, ...(logLevel ? ['--log-level', logLevel] : [])];
}

export function bareArgs(port: number): string[] {
  return [BARE_SERVER, '--port', String(port)];
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Resolves when the server prints its "listening" line (never, at --log-level warn). */
  listening: Promise<void>;
  /** Rejects when the process exits before stop() was called. */
  exited: Promise<never>;
  /** Bytes the server has written to stdout (its logs). */
  stdoutBytes(): number;
  stderrTail(): string;
  stop(): Promise<void>;
}

/** Spawns a server (node + args) that will listen on `port`; does not wait for it. */
export function spawnServer(args: string[], port: number): ServerProcess {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let stdoutBytes = 0;
  let stderr = '';
  let stopping = false;
  // Scans stdout for the listening line without a line reader, so the stream
  // keeps flowing (and costs next to nothing) for the rest of the run.
  let startupText: string | undefined = '';
  let onListening: () => void = () => {};
  const listening = new Promise<void>((resolve) => (onListening = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    if (startupText === undefined) return;
    startupText += chunk.toString('utf8');
    if (/"msg":\s*"listening"/.test(startupText)) {
      startupText = undefined;
      onListening();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      if (!stopping) reject(new Error(`${args[0]} exited early (code ${code}, signal ${signal})\n${stderr}`));
    });
  });
  exited.catch(() => {}); // observed by whoever races it

  return {
    child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    listening,
    exited,
    stdoutBytes: () => stdoutBytes,
    stderrTail: () => stderr,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exit = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A port that was free a moment ago (the server is told to listen on it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `strongroom init --data DIR` to completion. */
export async function initDataDir(dataDir: string): Promise<void> {
  const child = spawn(process.execPath, [STRONGROOM_BIN, 'init', '--data', dataDir, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`strongroom init exited with ${code}\n${output}`);
}

/** Reads the `[strongroom]` profile of an AWS shared-credentials file; undefined while it does not exist. */
export function readCredentials(file: string): { accessKeyId: string; secretAccessKey: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const values = new Map<string, string>();
  let inProfile = false;
  for (const line of text.split('\n')) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) inProfile = section[1].trim() === 'strongroom';
    const pair = /^\s*(\w+)\s*=\s*(\S+)/.exec(line);
    if (inProfile && pair) values.set(pair[1], pair[2]);
  }
  const accessKeyId = values.get('aws_access_key_id');
  const secretAccessKey = values.get('aws_secret_access_key');
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

/** Resolves once the server accepts connections (or prints its listening line); rejects if it exits first. */
export async function waitUntilAccepting(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const port = Number(new URL(server.url).port);
  const deadline = Date.now() + timeoutMs;
  let ready = false;
  const polling = (async () => {
    while (!ready) {
      if (Date.now() > deadline) throw new Error(`server did not accept connections within ${timeoutMs} ms\n${server.stderrTail()}`);
      if (await canConnect(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    await Promise.race([server.listening, polling, server.exited]);
  } finally {
    ready = true;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
