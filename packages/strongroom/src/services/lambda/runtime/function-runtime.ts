/**
 * Runs functions: keeps warm environments per function revision (one
 * invocation at a time each, reused while warm, retired after idling or when
 * their role credentials near expiry), builds each environment's variables
 * the way Lambda's Node.js runtimes set them, and turns an environment's
 * outcome into Invoke's result: the payload, FunctionError "Unhandled" with
 * {errorType, errorMessage, trace}, and the log text for LogType Tail.
 * Knows nothing about the wire, storage or authorization: callers give it
 * the function, its code and a credentials source.
 */
import type { Logger } from 'pino';
import { CodeStore } from './code-store.ts';
import { FunctionEnvironment, type InvocationOutcome } from './environment.ts';

export interface RunnableFunction {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  /** Changes with every code or configuration update: environments of an older revision are not reused. */
  revisionId: string;
  runtime: string;
  handler: string;
  role: string;
  timeoutSeconds: number;
  memorySize: number;
  codeSha256: string;
  environment: Readonly<Record<string, string>>;
}

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface FunctionRuntimeOptions {
  /** This server's URL (AWS_ENDPOINT_URL); known once it listens. */
  endpointUrl(): string;
  /** Temporary credentials of the function's execution role. */
  credentials(fn: RunnableFunction, requestId: string): Promise<RoleCredentials>;
  log: Logger;
  /** Environments kept per function revision (concurrent invocations); more are refused. Default 10. */
  maxEnvironmentsPerFunction?: number;
  /** An idle environment is retired after this long. Default 5 minutes. */
  idleMs?: number;
  /** Parent directory of the working directory (default: the OS temp directory). */
  workParent?: string;
}

export interface InvocationResult {
  /** The handler's result as JSON text, or the error object. */
  payload: Buffer;
  functionError?: 'Unhandled';
  /** START/END/REPORT lines around what the function printed. */
  logs: string;
}

/** The concurrency limit was reached (Invoke answers TooManyRequestsException). */
export class ConcurrencyLimitReached extends Error {}

/** Node's own variables a function inherits; nothing else of the server's environment (its secrets) reaches it. */
const INHERITED = ['PATH', 'LANG', 'HOME', 'SYSTEMROOT'];

interface Pooled {
  environment: FunctionEnvironment;
  idleTimer?: NodeJS.Timeout;
}

export class FunctionRuntime {
  readonly #options: FunctionRuntimeOptions;
  #code: Promise<CodeStore> | undefined;
  readonly #pools = new Map<string, Pooled[]>();
  #closed = false;

  constructor(options: FunctionRuntimeOptions) {
    this.#options = options;
  }

  #codeStore(): Promise<CodeStore> {
    return (this.#code ??= CodeStore.create(this.#options.workParent));
  }

  /** Runs one invocation; `loadCode` fetches the deployment package when it is not unpacked yet. */
  async invoke(fn: RunnableFunction, request: { requestId: string; event: unknown; clientContext?: unknown }, loadCode: () => Promise<Buffer>): Promise<InvocationResult> {
    if (this.#closed) throw new Error('function runtime is closed');
    const pooled = await this.#acquire(fn, request.requestId, loadCode);
    let outcome: InvocationOutcome;
    try {
      outcome = await pooled.environment.invoke({ ...request, timeoutSeconds: fn.timeoutSeconds, invokedFunctionArn: fn.arn });
    } finally {
      this.#release(fn, pooled);
    }
    const logs = reportLogs(fn, request.requestId, outcome);
    if (this.#options.log.isLevelEnabled('debug')) this.#options.log.debug({ function: fn.arn, requestId: request.requestId, logs }, 'function logs');
    if (outcome.ok) return { payload: Buffer.from(outcome.payload, 'utf8'), logs };
    return { payload: Buffer.from(JSON.stringify(outcome.error), 'utf8'), functionError: 'Unhandled', logs };
  }

  /** Ends every environment of a function (it was deleted or changed). */
  retire(arn: string): void {
    for (const [key, pool] of this.#pools) {
      if (!key.startsWith(`${arn}#`)) continue;
      for (const p of pool) if (!p.environment.busy) this.#end(key, p);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const [key, pool] of this.#pools) for (const p of [...pool]) this.#end(key, p);
    if (this.#code) await (await this.#code).remove();
  }

  async #acquire(fn: RunnableFunction, requestId: string, loadCode: () => Promise<Buffer>): Promise<Pooled> {
    const key = `${fn.arn}#${fn.revisionId}`;
    this.#retireStale(fn.arn, key);
    const pool = this.#pools.get(key) ?? [];
    this.#pools.set(key, pool);
    const now = Date.now();
    for (const p of [...pool]) {
      if (!p.environment.alive || p.environment.usableUntil <= now + fn.timeoutSeconds * 1000) {
        if (!p.environment.busy) this.#end(key, p);
        continue;
      }
      if (!p.environment.busy) {
        if (p.idleTimer) clearTimeout(p.idleTimer);
        p.environment.busy = true;
        return p;
      }
    }
    if (pool.length >= (this.#options.maxEnvironmentsPerFunction ?? 10)) throw new ConcurrencyLimitReached();
    // Reserve the slot before the awaits below, so concurrent callers count it.
    const placeholder = { environment: { busy: true, alive: true, usableUntil: Infinity } } as unknown as Pooled;
    pool.push(placeholder);
    try {
      const store = await this.#codeStore();
      const codeDirectory = await store.directoryFor(fn.codeSha256, loadCode);
      const credentials = await this.#options.credentials(fn, requestId);
      const environment = new FunctionEnvironment({
        bootstrapPath: store.bootstrapPath,
        codeDirectory,
        env: this.#variables(fn, codeDirectory, store.modulesPath, credentials),
        usableUntil: credentials.expiration.getTime() - 5 * 60_000,
      });
      environment.busy = true;
      const pooled: Pooled = { environment };
      pool[pool.indexOf(placeholder)] = pooled;
      return pooled;
    } catch (error) {
      pool.splice(pool.indexOf(placeholder), 1);
      throw error;
    }
  }

  #release(fn: RunnableFunction, pooled: Pooled): void {
    const key = `${fn.arn}#${fn.revisionId}`;
    pooled.environment.busy = false;
    if (!pooled.environment.alive || this.#closed) return this.#end(key, pooled);
    pooled.idleTimer = setTimeout(() => this.#end(key, pooled), this.#options.idleMs ?? 5 * 60_000);
    pooled.idleTimer.unref();
  }

  #retireStale(arn: string, current: string): void {
    for (const [key, pool] of this.#pools) {
      if (key === current || !key.startsWith(`${arn}#`)) continue;
      for (const p of [...pool]) if (!p.environment.busy) this.#end(key, p);
    }
  }

  #end(key: string, pooled: Pooled): void {
    if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
    pooled.environment.kill();
    const pool = this.#pools.get(key);
    if (!pool) return;
    const at = pool.indexOf(pooled);
    if (at >= 0) pool.splice(at, 1);
    if (pool.length === 0) this.#pools.delete(key);
  }

  #variables(fn: RunnableFunction, codeDirectory: string, modulesPath: string, credentials: RoleCredentials): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name]!;
    Object.assign(env, fn.environment, {
      AWS_REGION: fn.region,
      AWS_DEFAULT_REGION: fn.region,
      AWS_ENDPOINT_URL: this.#options.endpointUrl(),
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${fn.revisionId.replace(/-/g, '')}`,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_RUNTIME_API: 'strongroom',
      LAMBDA_TASK_ROOT: codeDirectory,
      LAMBDA_RUNTIME_DIR: modulesPath,
      NODE_PATH: modulesPath,
      TZ: ':UTC',
      _HANDLER: fn.handler,
    });
    return env;
  }
}

/** Lambda's framing of an invocation's log: START, the function's output, END and REPORT (and the timeout line). */
export function reportLogs(fn: Pick<RunnableFunction, 'memorySize'>, requestId: string, outcome: InvocationOutcome): string {
  const ms = outcome.durationMs;
  let text = `START RequestId: ${requestId} Version: $LATEST\n${outcome.logs}`;
  if (!outcome.ok && !outcome.timedOut && outcome.error.errorType !== 'Runtime.ExitError') {
    text += `${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(outcome.error)}\n`;
  }
  text += `END RequestId: ${requestId}\n`;
  text += `REPORT RequestId: ${requestId}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(ms))} ms\tMemory Size: ${fn.memorySize} MB\t\n`;
  if (!outcome.ok && outcome.timedOut) text += `${new Date().toISOString()} ${requestId} ${outcome.error.errorMessage.replace(/^RequestId: \S+ Error: /, '')}\n`;
  return text;
}

/** The last 4 KB of the log, base64, as X-Amz-Log-Result carries it. */
export function logTail(logs: string): string {
  const bytes = Buffer.from(logs, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
