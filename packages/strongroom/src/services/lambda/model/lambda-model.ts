/**
 * Lambda's business logic: functions (create, read, list, update, delete),
 * their resource policies, and invocation through the FunctionRuntime.
 * Typed in, typed out; no wire format, no authorization (authz.ts).
 */
import { randomUuid, sha256 } from '../../../crypto/primitives.ts';
import type { Barrier } from '../../../crypto/barrier/index.ts';
import type { Store } from '../../../storage/store.ts';
import type * as L from '../../../protocol/spec/generated/lambda.types.ts';
import {
  cannotUnzip,
  functionAlreadyExists,
  functionNotFound,
  invalidParameter,
  invalidPayload,
  noPolicy,
  reservedEnvironmentKeys,
  revisionMismatch,
  roleCannotBeAssumed,
  statementExists,
  statementNotFound,
  tooManyRequests,
  unsupportedRuntime,
  zipFileRequired,
} from '../errors.ts';
import { ConcurrencyLimitReached, type FunctionRuntime, type InvocationResult, type RunnableFunction } from '../runtime/function-runtime.ts';
import { readZip, ZipFormatError } from '../runtime/zip.ts';
import { functionArn, namesLatest, parseFunctionName, refArn, type FunctionRef } from './function-names.ts';
import { FunctionRepository, type FunctionPatch } from './function-repository.ts';
import { parsePolicy, permissionStatement, withoutStatement, withStatement } from './permissions.ts';
import { lambdaMayAssume, type RoleLookup } from './role-trust.ts';
import type { FunctionRecord, FunctionScope } from './types.ts';

export const SUPPORTED_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x'] as const;
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_MEMORY_SIZE = 128;
const DEFAULT_LIST_SIZE = 50;

/** Variables Lambda sets itself; a function may not define them. */
export const RESERVED_ENVIRONMENT_KEYS = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

export interface LambdaModelOptions {
  store: Store;
  barrier: Barrier;
  roles: RoleLookup;
  runtime: FunctionRuntime;
  /** Background work (Event invocations) reports failures here. */
  onBackgroundError?: (error: unknown, fn: FunctionRecord) => void;
}

export interface InvokeRequest {
  invocationType: 'RequestResponse' | 'Event' | 'DryRun';
  payload: Uint8Array | undefined;
  requestId: string;
  clientContext?: string;
}

export type InvokeOutcome = { status: 200; result: InvocationResult } | { status: 202 | 204 };

/** Lambda's LastModified: `2024-01-31T12:34:56.789+0000`. */
export function lastModifiedText(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

function checkRuntime(runtime: string | undefined): void {
  if (runtime !== undefined && !(SUPPORTED_RUNTIMES as readonly string[]).includes(runtime)) throw unsupportedRuntime(runtime, SUPPORTED_RUNTIMES);
}

function checkEnvironment(environment: L.Environment | undefined): void {
  const reserved = Object.keys(environment?.Variables ?? {}).filter((k) => RESERVED_ENVIRONMENT_KEYS.has(k));
  if (reserved.length > 0) throw reservedEnvironmentKeys(reserved);
}

function checkZip(zip: Uint8Array): { zip: Buffer; sha256: string } {
  const bytes = Buffer.from(zip);
  try {
    readZip(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) throw cannotUnzip();
    throw error;
  }
  return { zip: bytes, sha256: sha256(bytes).toString('base64') };
}

function parseEvent(payload: Uint8Array | undefined): unknown {
  if (payload === undefined || payload.length === 0) return {};
  try {
    return JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (error) {
    throw invalidPayload((error as Error).message);
  }
}

export function encodeMarker(name: string): string {
  return Buffer.from(JSON.stringify({ n: name }), 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (typeof parsed?.n === 'string') return parsed.n;
  } catch {
    // fall through
  }
  throw invalidParameter('Invalid marker');
}

export function runnable(fn: FunctionRecord): RunnableFunction {
  return {
    accountId: fn.accountId,
    region: fn.region,
    name: fn.name,
    arn: fn.arn,
    revisionId: fn.revisionId,
    runtime: fn.runtime,
    handler: fn.handler,
    role: fn.role,
    timeoutSeconds: fn.timeoutSeconds,
    memorySize: fn.memorySize,
    codeSha256: fn.codeSha256,
    environment: fn.environment ?? {},
  };
}

export class LambdaModel {
  readonly functions: FunctionRepository;
  readonly #options: LambdaModelOptions;

  constructor(options: LambdaModelOptions) {
    this.#options = options;
    this.functions = new FunctionRepository(options.store, options.barrier);
  }

  ref(scope: FunctionScope, functionName: string, qualifier?: string): FunctionRef {
    return parseFunctionName(scope, functionName, qualifier);
  }

  /** The function a reference names, or undefined (also for a version or alias, which Strongroom does not have). */
  async find(ref: FunctionRef, lock = false): Promise<FunctionRecord | undefined> {
    if (!namesLatest(ref)) return undefined;
    return this.functions.find(ref, ref.name, lock);
  }

  async get(ref: FunctionRef, lock = false): Promise<FunctionRecord> {
    const fn = await this.find(ref, lock);
    if (!fn) throw functionNotFound(refArn(ref));
    return fn;
  }

  async create(scope: FunctionScope, input: L.CreateFunctionRequest, now = Date.now()): Promise<FunctionRecord> {
    const ref = parseFunctionName(scope, input.FunctionName);
    if (input.PackageType === 'Image' || input.Code.ZipFile === undefined) throw zipFileRequired();
    if (input.Runtime === undefined || input.Handler === undefined) throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
    checkRuntime(input.Runtime);
    checkEnvironment(input.Environment);
    const code = checkZip(input.Code.ZipFile);
    if (!(await lambdaMayAssume(this.#options.roles, input.Role))) throw roleCannotBeAssumed();
    const fn: FunctionRecord = {
      accountId: ref.accountId,
      region: ref.region,
      name: ref.name,
      arn: functionArn(ref, ref.name),
      functionId: randomUuid(),
      runtime: input.Runtime,
      handler: input.Handler,
      role: input.Role,
      description: input.Description ?? '',
      timeoutSeconds: input.Timeout ?? DEFAULT_TIMEOUT_SECONDS,
      memorySize: input.MemorySize ?? DEFAULT_MEMORY_SIZE,
      environment: input.Environment?.Variables,
      codeSha256: code.sha256,
      codeSize: code.zip.length,
      resourcePolicy: null,
      revisionId: randomUuid(),
      lastModified: now,
    };
    await this.#options.store.transaction(async () => {
      if (await this.functions.find(fn, fn.name, true)) throw functionAlreadyExists(fn.name);
      await this.functions.insert(fn, code.zip);
    });
    return fn;
  }

  async list(scope: FunctionScope, marker: string | undefined, maxItems: number | undefined): Promise<{ functions: FunctionRecord[]; nextMarker?: string }> {
    const limit = maxItems ?? DEFAULT_LIST_SIZE;
    const page = await this.functions.page(scope, marker === undefined ? undefined : decodeMarker(marker), limit + 1);
    if (page.length <= limit) return { functions: page };
    const functions = page.slice(0, limit);
    return { functions, nextMarker: encodeMarker(functions[functions.length - 1].name) };
  }

  async delete(ref: FunctionRef): Promise<void> {
    if (ref.qualifier !== undefined && ref.qualifier !== '$LATEST') throw functionNotFound(refArn(ref));
    await this.#options.store.transaction(async () => {
      const fn = await this.get({ ...ref, qualifier: undefined }, true);
      await this.functions.delete(fn);
    });
    this.#options.runtime.retire(functionArn(ref, ref.name));
  }

  async #change(ref: FunctionRef, expectedRevision: string | undefined, patch: (fn: FunctionRecord) => Promise<Omit<FunctionPatch, 'revisionId' | 'lastModified'>> | Omit<FunctionPatch, 'revisionId' | 'lastModified'>, now: number): Promise<FunctionRecord> {
    const updated = await this.#options.store.transaction(async () => {
      const fn = await this.get(ref, true);
      if (expectedRevision !== undefined && expectedRevision !== fn.revisionId) {
        throw revisionMismatch();
      }
      const changes: FunctionPatch = { ...(await patch(fn)), revisionId: randomUuid(), lastModified: now };
      await this.functions.update(fn, changes);
      return (await this.functions.find(fn, fn.name))!;
    });
    this.#options.runtime.retire(updated.arn);
    return updated;
  }

  updateCode(ref: FunctionRef, input: L.UpdateFunctionCodeRequest, now = Date.now()): Promise<FunctionRecord> {
    if (input.ZipFile === undefined) throw zipFileRequired();
    const code = checkZip(input.ZipFile);
    return this.#change(ref, input.RevisionId, () => ({ code }), now);
  }

  async updateConfiguration(ref: FunctionRef, input: L.UpdateFunctionConfigurationRequest, now = Date.now()): Promise<FunctionRecord> {
    checkRuntime(input.Runtime);
    checkEnvironment(input.Environment);
    if (input.Role !== undefined && !(await lambdaMayAssume(this.#options.roles, input.Role))) throw roleCannotBeAssumed();
    return this.#change(
      ref,
      input.RevisionId,
      () => {
        const patch: Omit<FunctionPatch, 'revisionId' | 'lastModified'> = {};
        if (input.Runtime !== undefined) patch.runtime = input.Runtime;
        if (input.Handler !== undefined) patch.handler = input.Handler;
        if (input.Role !== undefined) patch.role = input.Role;
        if (input.Description !== undefined) patch.description = input.Description;
        if (input.Timeout !== undefined) patch.timeoutSeconds = input.Timeout;
        if (input.MemorySize !== undefined) patch.memorySize = input.MemorySize;
        // Environment replaces the variables as a whole; an empty map removes them.
        if (input.Environment !== undefined) {
          const variables = input.Environment.Variables ?? {};
          patch.environment = Object.keys(variables).length === 0 ? undefined : variables;
        }
        return patch;
      },
      now,
    );
  }

  async addPermission(ref: FunctionRef, input: L.AddPermissionRequest): Promise<string> {
    if (!namesLatest(ref)) throw functionNotFound(refArn(ref));
    let statement: ReturnType<typeof permissionStatement> | undefined;
    await this.#change(
      { ...ref, qualifier: undefined },
      input.RevisionId,
      (fn) => {
        const policy = parsePolicy(fn.resourcePolicy);
        if (policy?.Statement.some((s) => s.Sid === input.StatementId)) throw statementExists(input.StatementId);
        statement = permissionStatement(input, fn.arn);
        return { resourcePolicy: JSON.stringify(withStatement(policy, statement)) };
      },
      Date.now(),
    );
    return JSON.stringify(statement);
  }

  async removePermission(ref: FunctionRef, statementId: string, revisionId: string | undefined): Promise<void> {
    if (!namesLatest(ref)) throw functionNotFound(refArn(ref));
    await this.#change(
      { ...ref, qualifier: undefined },
      revisionId,
      (fn) => {
        const policy = parsePolicy(fn.resourcePolicy);
        if (!policy?.Statement.some((s) => s.Sid === statementId)) throw statementNotFound(statementId);
        const remaining = withoutStatement(policy, statementId);
        return { resourcePolicy: remaining === null ? null : JSON.stringify(remaining) };
      },
      Date.now(),
    );
  }

  async getPolicy(ref: FunctionRef): Promise<{ policy: string; revisionId: string }> {
    const fn = await this.get(ref);
    if (fn.resourcePolicy === null) throw noPolicy();
    return { policy: fn.resourcePolicy, revisionId: fn.revisionId };
  }

  async invoke(ref: FunctionRef, request: InvokeRequest): Promise<InvokeOutcome> {
    const fn = await this.get(ref);
    const event = parseEvent(request.payload);
    if (request.invocationType === 'DryRun') return { status: 204 };
    const runtime = this.#options.runtime;
    const code = () => this.#code(fn);
    const clientContext = request.clientContext === undefined ? undefined : decodeClientContext(request.clientContext);
    if (request.invocationType === 'Event') {
      void runtime.invoke(runnable(fn), { requestId: request.requestId, event, clientContext }, code).catch((error) => this.#options.onBackgroundError?.(error, fn));
      return { status: 202 };
    }
    try {
      return { status: 200, result: await runtime.invoke(runnable(fn), { requestId: request.requestId, event, clientContext }, code) };
    } catch (error) {
      if (error instanceof ConcurrencyLimitReached) throw tooManyRequests();
      throw error;
    }
  }

  async #code(fn: FunctionRecord): Promise<Buffer> {
    const zip = await this.functions.code(fn, fn.name);
    if (!zip) throw functionNotFound(fn.arn);
    return zip;
  }
}

function decodeClientContext(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw invalidParameter('Client context must be a valid Base64-encoded JSON object.');
  }
}
