import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError, InternalFailure } from '../../errors/aws-error.ts';
import { awsJsonCodec } from './codec.ts';
import { kmsSpec } from '../spec/generated/kms.spec.ts';
import { secretsmanagerSpec } from '../spec/generated/secretsmanager.spec.ts';
import { ssmSpec } from '../spec/generated/ssm.spec.ts';
import { NotFoundException } from '../spec/generated/kms.errors.ts';
import { ResourceNotFoundException } from '../spec/generated/secretsmanager.errors.ts';
import { OpsItemLimitExceededException } from '../spec/generated/ssm.errors.ts';
import type { WireRequest } from '../types.ts';
import type { ServiceSpec } from '../spec/spec-types.ts';

const request = (body: string | object): WireRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
const decode = (spec: ServiceSpec, op: string, body: string | object) => awsJsonCodec.decodeInput(spec, spec.operations[op], request(body));

function rejects(spec: ServiceSpec, op: string, body: string | object, code: string, message: string): void {
  assert.throws(
    () => decode(spec, op, body),
    (e: unknown) => e instanceof AwsError && e.code === code && e.message === message && e.httpStatus === 400,
  );
}

test('decodes members, blobs from base64 and timestamps from epoch seconds; ignores unknown members and nulls', () => {
  const input = decode(kmsSpec, 'Encrypt', {
    KeyId: 'alias/app',
    Plaintext: Buffer.from('hello').toString('base64'),
    EncryptionContext: { purpose: 'test' },
    GrantTokens: ['t1'],
    DryRun: false,
    Unknown: 1,
    EncryptionAlgorithm: null,
  }) as Record<string, unknown>;
  assert.deepEqual(Object.keys(input).sort(), ['DryRun', 'EncryptionContext', 'GrantTokens', 'KeyId', 'Plaintext']);
  assert.ok(Buffer.isBuffer(input.Plaintext));
  assert.equal((input.Plaintext as Buffer).toString(), 'hello');
  assert.deepEqual(input.EncryptionContext, { purpose: 'test' });

  const ssm = decode(ssmSpec, 'GetOpsSummary', {}) as Record<string, unknown>;
  assert.deepEqual(ssm, {});
  const window = decode(ssmSpec, 'CreateOpsItem', {
    Description: 'd',
    Source: 's',
    Title: 't',
    PlannedStartTime: 1700000000.5,
  }) as Record<string, unknown>;
  assert.ok(window.PlannedStartTime instanceof Date);
  assert.equal((window.PlannedStartTime as Date).getTime(), 1700000000500);
});

test('an empty body is {}', () => {
  assert.deepEqual(decode(kmsSpec, 'ListKeys', ''), {});
  rejects(kmsSpec, 'DescribeKey', '', 'ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
});

test('a map key named __proto__ is an own entry', () => {
  const input = decode(kmsSpec, 'Encrypt', '{"KeyId":"k","Plaintext":"eA==","EncryptionContext":{"__proto__":"x"}}') as Record<string, any>;
  assert.equal(Object.getPrototypeOf(input.EncryptionContext), Object.prototype);
  assert.deepEqual(Object.keys(input.EncryptionContext), ['__proto__']);
});

test('invalid JSON and non-object bodies are SerializationException', () => {
  rejects(kmsSpec, 'ListKeys', '{', 'SerializationException', '');
  rejects(kmsSpec, 'ListKeys', 'null', 'SerializationException', '');
  rejects(kmsSpec, 'ListKeys', '"x"', 'SerializationException', '');
  rejects(kmsSpec, 'ListKeys', '[]', 'SerializationException', 'Start of list found where not expected');
});

test('wrong JSON types are SerializationException in Coral wording', () => {
  rejects(kmsSpec, 'DescribeKey', { KeyId: 5 }, 'SerializationException', 'NUMBER_VALUE can not be converted to a String');
  rejects(kmsSpec, 'DescribeKey', { KeyId: true }, 'SerializationException', 'TRUE_VALUE can not be converted to a String');
  rejects(kmsSpec, 'DescribeKey', { KeyId: {} }, 'SerializationException', 'Start of structure or map found where not expected.');
  rejects(kmsSpec, 'DescribeKey', { KeyId: ['k'] }, 'SerializationException', 'Start of list found where not expected');
  rejects(kmsSpec, 'ListKeys', { Limit: '10' }, 'SerializationException', 'STRING_VALUE can not be converted to an Integer');
  rejects(kmsSpec, 'ListKeys', { Limit: 2 ** 31 }, 'SerializationException', 'NUMBER_VALUE can not be converted to an Integer');
  rejects(kmsSpec, 'Encrypt', { KeyId: 'k', Plaintext: 'eA==', DryRun: 'yes' }, 'SerializationException', 'STRING_VALUE can not be converted to a Boolean');
  rejects(kmsSpec, 'Encrypt', { KeyId: 'k', Plaintext: 'not base64!' }, 'SerializationException', '');
  rejects(kmsSpec, 'Encrypt', { KeyId: 'k', Plaintext: 'eA==', GrantTokens: 't' }, 'SerializationException', 'STRING_VALUE can not be converted to a List');
});

test('type errors come before validation', () => {
  rejects(kmsSpec, 'Encrypt', { KeyId: '', Plaintext: 5 }, 'SerializationException', 'NUMBER_VALUE can not be converted to a ByteBuffer');
});

test('validation failures are ValidationException', () => {
  rejects(
    kmsSpec,
    'Encrypt',
    { KeyId: '', Plaintext: '' },
    'ValidationException',
    "2 validation errors detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1; Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
});

test('encodes output: blobs base64, timestamps epoch seconds, absent and unknown members omitted', () => {
  const res = awsJsonCodec.encodeOutput(
    kmsSpec,
    kmsSpec.operations.Encrypt,
    { CiphertextBlob: new Uint8Array([1, 2, 3]), KeyId: 'arn:aws:kms:us-east-1:000000000000:key/k', EncryptionAlgorithm: undefined, Internal: 'x' },
    'req-1',
  );
  assert.equal(res.status, 200);
  assert.deepEqual(res.headers, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'req-1' });
  assert.equal(res.body, '{"CiphertextBlob":"AQID","KeyId":"arn:aws:kms:us-east-1:000000000000:key/k"}');

  const described = awsJsonCodec.encodeOutput(
    kmsSpec,
    kmsSpec.operations.DescribeKey,
    { KeyMetadata: { KeyId: 'k', CreationDate: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 250)), Enabled: true, EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } },
    'req-2',
  );
  assert.equal(described.body, '{"KeyMetadata":{"KeyId":"k","CreationDate":1704067200.25,"Enabled":true,"EncryptionAlgorithms":["SYMMETRIC_DEFAULT"]}}');
});

test('round trip: what encode writes, decode reads back', () => {
  const bytes = Buffer.from([0, 255, 16, 32]);
  const out = awsJsonCodec.encodeOutput(kmsSpec, kmsSpec.operations.GenerateRandom, { Plaintext: bytes }, 'r');
  const plaintext = Buffer.from(JSON.parse(out.body as string).Plaintext, 'base64');
  assert.deepEqual(plaintext, bytes);
  const input = decode(kmsSpec, 'Decrypt', { CiphertextBlob: JSON.parse(out.body as string).Plaintext }) as { CiphertextBlob: Buffer };
  assert.deepEqual(input.CiphertextBlob, bytes);
});

test('operations without output answer {}', () => {
  const res = awsJsonCodec.encodeOutput(kmsSpec, kmsSpec.operations.EnableKey, undefined, 'r');
  assert.equal(res.body, '{}');
});

test('errors: status, __type, message, x-amzn-ErrorType and request id', () => {
  const res = awsJsonCodec.encodeError(kmsSpec, new NotFoundException('Key not found'), 'req-3');
  assert.equal(res.status, 400);
  assert.deepEqual(res.headers, {
    'Content-Type': 'application/x-amz-json-1.1',
    'x-amzn-RequestId': 'req-3',
    'x-amzn-ErrorType': 'NotFoundException',
  });
  assert.equal(res.body, '{"__type":"NotFoundException","message":"Key not found"}');

  const internal = awsJsonCodec.encodeError(undefined, new InternalFailure(), 'req-4');
  assert.equal(internal.status, 500);
  assert.equal(internal.body, '{"__type":"InternalFailure","message":"We encountered an internal error. Please try again."}');

  const untyped = awsJsonCodec.encodeError(kmsSpec, new Error('db password is hunter2') as AwsError, 'r');
  assert.equal(untyped.status, 500);
  assert.equal(untyped.body, '{"__type":"InternalFailure","message":"We encountered an internal error. Please try again."}');

  const noMessage = awsJsonCodec.encodeError(kmsSpec, new AwsError('SerializationException', ''), 'r');
  assert.equal(noMessage.body, '{"__type":"SerializationException"}');
});

test('error message key follows the model (Secrets Manager uses "Message") and extra members are written', () => {
  const sm = awsJsonCodec.encodeError(secretsmanagerSpec, new ResourceNotFoundException("Secrets Manager can't find the specified secret."), 'r');
  assert.equal(sm.body, '{"__type":"ResourceNotFoundException","Message":"Secrets Manager can\'t find the specified secret."}');
  const ssm = awsJsonCodec.encodeError(ssmSpec, new OpsItemLimitExceededException('limit', { Limit: 5, LimitType: 'OpsItem' }), 'r');
  assert.equal(ssm.body, '{"__type":"OpsItemLimitExceededException","Message":"limit","Limit":5,"LimitType":"OpsItem"}');
});
