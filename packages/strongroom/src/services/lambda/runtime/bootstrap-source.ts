/**
 * The program each function environment (a child Node.js process) runs, as
 * text: the runtime writes it to its working directory at start, so it
 * works the same from the TypeScript sources and from the bundled CLI.
 *
 * Protocol (IPC channel, one invocation at a time):
 *   parent → child  { type: 'invoke', requestId, event, deadline, clientContext }
 *   child → parent  { type: 'log', text }            (console and stdout/stderr)
 *                   { type: 'result', payload }      (JSON text of the handler's result)
 *                   { type: 'error', error }         ({ errorType, errorMessage, trace })
 * The handler (`_HANDLER`, "file.export") is loaded from LAMBDA_TASK_ROOT on
 * the first invocation, as .js (CommonJS or ESM by package.json), .mjs or
 * .cjs. Async handlers and callback-style handlers are both supported.
 */
export const BOOTSTRAP_SOURCE = String.raw`
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const taskRoot = process.env.LAMBDA_TASK_ROOT;
const handlerSpec = process.env._HANDLER;
let currentRequestId;

function send(message) {
  if (process.connected) process.send(message);
}

// Everything the function prints goes to the parent over IPC, in order with the result.
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    send({ type: 'log', text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  };
}
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[method] = (...args) => {
    const line = new Date().toISOString() + '\t' + (currentRequestId ?? 'undefined') + '\t' + level + '\t' + format(...args).replace(/\n/g, '\r');
    send({ type: 'log', text: line + '\n' });
  };
}

class RuntimeError extends Error {
  constructor(errorType, message) {
    super(message);
    this.name = errorType;
  }
}

function errorPayload(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: String(error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

let handlerPromise;
async function loadHandler() {
  const dot = handlerSpec ? handlerSpec.lastIndexOf('.') : -1;
  if (dot <= 0) throw new RuntimeError('Runtime.MalformedHandlerName', "Bad handler " + handlerSpec + ": missing module name or function name");
  const modulePath = handlerSpec.slice(0, dot);
  const exportPath = handlerSpec.slice(dot + 1);
  let module;
  const base = join(taskRoot, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => existsSync(f));
  if (!file) {
    throw new RuntimeError('Runtime.ImportModuleError', "Error: Cannot find module '" + modulePath + "'\nRequire stack:\n- " + join(taskRoot, '__strongroom_runtime__'));
  }
  try {
    module = file.endsWith('.cjs') ? createRequire(file)(file) : await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', String(error.stack ?? error).split('\n')[0]);
    throw error;
  }
  const handler = module[exportPath] ?? module.default?.[exportPath];
  if (typeof handler !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', modulePath + '.' + exportPath + ' is undefined or not exported');
  return handler;
}

function context(message) {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: message.clientContext,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
}

function run(handler, event, ctx) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    ctx.done = callback;
    ctx.succeed = (result) => callback(null, result);
    ctx.fail = (error) => callback(error ?? new Error('handled'));
    let returned;
    try {
      returned = handler(event, ctx, callback);
    } catch (error) {
      callback(error);
      return;
    }
    if (returned && typeof returned.then === 'function') returned.then((r) => callback(null, r), (e) => callback(e ?? new Error('rejected')));
    else if (handler.length < 3) callback(null, returned);
  });
}

process.on('message', async (message) => {
  if (message?.type !== 'invoke') return;
  currentRequestId = message.requestId;
  try {
    handlerPromise ??= loadHandler();
    const handler = await handlerPromise;
    const result = await run(handler, message.event, context(message));
    send({ type: 'result', payload: result === undefined ? 'null' : JSON.stringify(result) });
  } catch (error) {
    send({ type: 'error', error: errorPayload(error) });
  }
});

process.on('unhandledRejection', (reason) => {
  const error = reason instanceof Error ? reason : new Error(String(reason));
  send({ type: 'error', error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: error.name + ': ' + error.message, trace: String(error.stack ?? '').split('\n') } });
  setImmediate(() => process.exit(128));
});
send({ type: 'ready' });
`;
