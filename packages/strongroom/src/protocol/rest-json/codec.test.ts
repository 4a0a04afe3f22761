import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../errors/aws-error.ts';
import { lambdaSpec } from '../spec/generated/lambda.spec.ts';
import { ResourceNotFoundException, TooManyRequestsException } from '../spec/generated/lambda.errors.ts';
import type { WireRequest } from '../types.ts';
import { restJsonCodec } from './codec.ts';

const request = (opts: { method?: string; query?: string; headers?: Record<string, string>; body?: string | Buffer }): WireRequest => ({
  method: opts.method ?? 'POST',
  path: '/',
  query: new URLSearchParams(opts.query ?? ''),
  headers: Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  body: typeof opts.body === 'string' ? Buffer.from(opts.body) : (opts.body ?? Buffer.alloc(0)),
});

const decode = (op: string, req: WireRequest, labels: Record<string, string> = {}) => restJsonCodec.decodeInput(lambdaSpec, lambdaSpec.operations[op], req, labels) as Record<string, any>;

test('decodes labels, query parameters, headers and a blob payload (Invoke)', () => {
  const input = decode(
    'Invoke',
    request({ query: 'Qualifier=%24LATEST', headers: { 'X-Amz-Invocation-Type': 'Event', 'X-Amz-Log-Type': 'Tail' }, body: '{"a":1}' }),
    { FunctionName: 'fn' },
  );
  assert.equal(input.FunctionName, 'fn');
  assert.equal(input.Qualifier, '$LATEST');
  assert.equal(input.InvocationType, 'Event');
  assert.equal(input.LogType, 'Tail');
  assert.ok(Buffer.isBuffer(input.Payload));
  assert.equal(input.Payload.toString(), '{"a":1}');
  assert.equal(decode('Invoke', request({}), { FunctionName: 'fn' }).Payload, undefined);
});

test('decodes a JSON body beside bound members, typed query integers, and validates', () => {
  const input = decode('AddPermission', request({ body: JSON.stringify({ StatementId: 's1', Action: 'lambda:InvokeFunction', Principal: 'secretsmanager.amazonaws.com', FunctionName: 'ignored' }) }), { FunctionName: 'fn' });
  assert.deepEqual(input, { StatementId: 's1', Action: 'lambda:InvokeFunction', Principal: 'secretsmanager.amazonaws.com', FunctionName: 'fn' });
  assert.equal(decode('ListFunctions', request({ method: 'GET', query: 'MaxItems=5&Marker=m' })).MaxItems, 5);
  assert.throws(() => decode('ListFunctions', request({ method: 'GET', query: 'MaxItems=five' })), (e: unknown) => e instanceof AwsError && e.code === 'SerializationException');
  assert.throws(
    () => decode('ListFunctions', request({ method: 'GET', query: 'MaxItems=0' })),
    (e: unknown) => e instanceof AwsError && e.code === 'ValidationException' && e.message === "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
  );
  assert.throws(() => decode('AddPermission', request({ body: '{' }), { FunctionName: 'fn' }), (e: unknown) => e instanceof AwsError && e.code === 'SerializationException');
  const created = decode('CreateFunction', request({ body: JSON.stringify({ FunctionName: 'f', Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: Buffer.from('zip').toString('base64') } }) }));
  assert.equal(Buffer.from(created.Code.ZipFile).toString(), 'zip');
});

test('encodes the status code member, header members and a raw blob payload', () => {
  const res = restJsonCodec.encodeOutput(lambdaSpec, lambdaSpec.operations.Invoke, { StatusCode: 200, FunctionError: 'Unhandled', LogResult: 'bG9n', Payload: Buffer.from('{"errorType":"Error"}'), ExecutedVersion: '$LATEST' }, 'req-1');
  assert.equal(res.status, 200);
  assert.equal(res.headers['X-Amz-Function-Error'], 'Unhandled');
  assert.equal(res.headers['X-Amz-Log-Result'], 'bG9n');
  assert.equal(res.headers['X-Amz-Executed-Version'], '$LATEST');
  assert.equal(res.headers['x-amzn-RequestId'], 'req-1');
  assert.equal(res.body.toString(), '{"errorType":"Error"}');
  const accepted = restJsonCodec.encodeOutput(lambdaSpec, lambdaSpec.operations.Invoke, { StatusCode: 202 }, 'r');
  assert.equal(accepted.status, 202);
  assert.equal(accepted.body.length, 0);
});

test('encodes JSON bodies with the model status; no output shape means an empty body', () => {
  const created = restJsonCodec.encodeOutput(lambdaSpec, lambdaSpec.operations.CreateFunction, { FunctionName: 'f', Timeout: 3, Internal: 'x' }, 'r');
  assert.equal(created.status, 201);
  assert.equal(created.headers['Content-Type'], 'application/json');
  assert.equal(created.body, '{"FunctionName":"f","Timeout":3}');
  const removed = restJsonCodec.encodeOutput(lambdaSpec, lambdaSpec.operations.RemovePermission, undefined, 'r');
  assert.equal(removed.status, 204);
  assert.equal(removed.body, '');
});

test('errors: status, x-amzn-ErrorType, the message keyed as the model keys it, and the other members', () => {
  const res = restJsonCodec.encodeError(lambdaSpec, new ResourceNotFoundException('Function not found: arn:aws:lambda:us-east-1:111122223333:function:f', { Type: 'User' }), 'r');
  assert.equal(res.status, 404);
  assert.equal(res.headers['x-amzn-ErrorType'], 'ResourceNotFoundException');
  assert.deepEqual(JSON.parse(res.body as string), { Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:111122223333:function:f' });
  const throttled = restJsonCodec.encodeError(lambdaSpec, new TooManyRequestsException('Rate Exceeded.', { Type: 'User', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }), 'r');
  assert.equal(throttled.status, 429);
  assert.deepEqual(JSON.parse(throttled.body as string), { Type: 'User', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', message: 'Rate Exceeded.' });
  const denied = restJsonCodec.encodeError(lambdaSpec, new AwsError('AccessDeniedException', 'User: x is not authorized', 400), 'r');
  assert.equal(denied.status, 403);
  assert.deepEqual(JSON.parse(denied.body as string), { Message: 'User: x is not authorized' });
  const internal = restJsonCodec.encodeError(undefined, new Error('secret detail') as AwsError, 'r');
  assert.equal(internal.status, 500);
  assert.equal(internal.body, '{"Message":"We encountered an internal error. Please try again."}');
});
