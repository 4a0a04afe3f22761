/**
 * One function environment: a child Node.js process running the bootstrap
 * (bootstrap-source.ts) in the function's unpacked code directory, with the
 * function's environment variables and its role's credentials. It serves
 * one invocation at a time and is reused while warm. A timeout kills it; so
 * does nothing else: a crash ends it by itself. Either way the invocation
 * fails with AWS's error payload and the server carries on.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface FunctionError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InvocationOutcome =
  | { ok: true; payload: string; logs: string; durationMs: number }
  | { ok: false; error: FunctionError; logs: string; durationMs: number; timedOut: boolean };

export interface InvocationRequest {
  requestId: string;
  /** The event, already parsed from the Payload JSON. */
  event: unknown;
  timeoutSeconds: number;
  invokedFunctionArn: string;
  clientContext?: unknown;
}

export interface EnvironmentSpec {
  bootstrapPath: string;
  codeDirectory: string;
  env: Record<string, string>;
  /** After this (epoch ms) the environment's credentials are too close to expiry to start another invocation. */
  usableUntil: number;
}

const MAX_LOG_CHARS = 1024 * 1024;

type ChildMessage = { type: 'ready' } | { type: 'log'; text: string } | { type: 'result'; payload: string } | { type: 'error'; error: FunctionError };

/** "Task timed out after 3.00 seconds", as AWS words it. */
export function timeoutMessage(requestId: string, seconds: number): string {
  return `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`;
}

export class FunctionEnvironment {
  readonly #child: ChildProcess;
  readonly #ready: Promise<void>;
  /** Output of the process outside an invocation (before the first, or a crash's last words). */
  #stray = '';
  #alive = true;
  #exit: string | undefined;
  busy = false;
  readonly usableUntil: number;

  constructor(spec: EnvironmentSpec) {
    this.usableUntil = spec.usableUntil;
    this.#child = spawn(process.execPath, [spec.bootstrapPath], {
      cwd: spec.codeDirectory,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const collect = (chunk: Buffer) => {
      this.#stray += chunk.toString('utf8');
      if (this.#stray.length > 64 * 1024) this.#stray = this.#stray.slice(-64 * 1024);
    };
    this.#child.stdout!.on('data', collect);
    this.#child.stderr!.on('data', collect);
    this.#child.on('exit', (code, signal) => {
      this.#alive = false;
      this.#exit = signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code ?? 0}`;
    });
    this.#child.on('error', () => {
      this.#alive = false;
      this.#exit ??= 'exit status 127';
    });
    this.#ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m?.type !== 'ready') return;
        this.#child.off('exit', onExit);
        this.#child.off('message', onMessage);
        resolve();
      };
      const onExit = () => {
        this.#child.off('message', onMessage);
        reject(new Error('environment exited during start'));
      };
      this.#child.on('message', onMessage);
      this.#child.once('exit', onExit);
      this.#child.once('error', onExit);
    });
    this.#ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.#alive;
  }

  invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    const started = performance.now();
    const timeoutMs = request.timeoutSeconds * 1000;
    let logs = '';
    const duration = () => performance.now() - started;
    return new Promise<InvocationOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: InvocationOutcome) => {
        if (timer) clearTimeout(timer);
        this.#child.off('message', onMessage);
        this.#child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (m: ChildMessage) => {
        if (m?.type === 'log') {
          logs += m.text;
          // Only the tail is ever shown (LogType Tail: 4 KB); a chatty function must not grow the server's memory.
          if (logs.length > MAX_LOG_CHARS) logs = logs.slice(-MAX_LOG_CHARS / 2);
        }
        else if (m?.type === 'result') finish({ ok: true, payload: m.payload, logs, durationMs: duration() });
        else if (m?.type === 'error') finish({ ok: false, error: m.error, logs, durationMs: duration(), timedOut: false });
      };
      const onExit = () => {
        const output = this.#stray;
        this.#stray = '';
        finish({
          ok: false,
          error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${request.requestId} Error: Runtime exited with error: ${this.#exit ?? 'exit status 1'}` },
          logs: logs + output,
          durationMs: duration(),
          timedOut: false,
        });
      };
      this.#child.on('message', onMessage);
      this.#child.once('exit', onExit);
      timer = setTimeout(() => {
        this.#child.off('exit', onExit);
        this.kill();
        finish({
          ok: false,
          error: { errorType: 'Sandbox.Timedout', errorMessage: timeoutMessage(request.requestId, request.timeoutSeconds) },
          logs,
          durationMs: duration(),
          timedOut: true,
        });
      }, timeoutMs);
      this.#ready.then(
        () => {
          if (!this.#alive) return onExit();
          this.#child.send({
            type: 'invoke',
            requestId: request.requestId,
            event: request.event,
            deadline: Date.now() + timeoutMs,
            invokedFunctionArn: request.invokedFunctionArn,
            clientContext: request.clientContext,
          });
        },
        () => onExit(),
      );
    });
  }

  kill(): void {
    this.#alive = false;
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }
}
