import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../errors/aws-error.ts';
import { assertValid, validateShape, validationMessage } from './validate.ts';
import { resolveSpec } from './spec/resolve.ts';
import type { ServiceSpec } from './spec/spec-types.ts';
import { kmsSpec } from './spec/generated/kms.spec.ts';
import { iamSpec } from './spec/generated/iam.spec.ts';
import { stsSpec } from './spec/generated/sts.spec.ts';
import { ssmSpec } from './spec/generated/ssm.spec.ts';

const input = (spec: ServiceSpec, op: string) => resolveSpec(spec).input(spec.operations[op])!;
const message = (spec: ServiceSpec, op: string, value: unknown) => validationMessage(validateShape(input(spec, op), value));

test('one error: AWS wording, lower-camel path', () => {
  assert.equal(
    message(kmsSpec, 'DescribeKey', { KeyId: '' }),
    "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
});

test('a missing required member is null', () => {
  assert.equal(message(kmsSpec, 'DescribeKey', {}), "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
});

test('several errors are counted and joined with "; "', () => {
  assert.equal(
    message(kmsSpec, 'Encrypt', { KeyId: 'k'.repeat(2049) }),
    '2 validation errors detected: ' +
      `Value '${'k'.repeat(2049)}' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048; ` +
      "Value null at 'plaintext' failed to satisfy constraint: Member must not be null",
  );
});

test('sensitive values and blobs are never printed', () => {
  const errors = validateShape(input(kmsSpec, 'Encrypt'), { KeyId: 'alias/x', Plaintext: Buffer.alloc(4097, 0x41) });
  assert.deepEqual(errors, ["Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"]);
  assert.deepEqual(validateShape(input(kmsSpec, 'Decrypt'), { CiphertextBlob: Buffer.alloc(0) }), [
    "Value at 'ciphertextBlob' failed to satisfy constraint: Member must have length greater than or equal to 1",
  ]);
});

test('enum values are listed in model order', () => {
  assert.equal(
    message(kmsSpec, 'Encrypt', { KeyId: 'k', Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'AES' }),
    "1 validation error detected: Value 'AES' at 'encryptionAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]",
  );
});

test('a pattern failure prints the model pattern as written', () => {
  assert.equal(
    message(stsSpec, 'GetFederationToken', { Name: 'bad name!' }),
    "1 validation error detected: Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
  );
});

test('length and pattern failures of one value are separate errors', () => {
  assert.deepEqual(validateShape(input(iamSpec, 'CreateUser'), { UserName: '' }), [
    "Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    "Value '' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
  ]);
});

test('nested paths through lists of structures', () => {
  assert.deepEqual(
    validateShape(input(iamSpec, 'CreateUser'), {
      UserName: 'bob',
      Tags: [
        { Key: 'ok', Value: 'fine' },
        { Key: 'a', Value: 'x'.repeat(257) },
        { Value: 'v' },
      ],
    }),
    [
      `Value '${'x'.repeat(257)}' at 'tags.2.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
      "Value null at 'tags.3.member.key' failed to satisfy constraint: Member must not be null",
    ],
  );
  assert.deepEqual(validateShape(input(kmsSpec, 'CreateKey'), { Tags: [{ TagKey: '', TagValue: 'v' }] }), [
    "Value '' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
  ]);
  assert.deepEqual(validateShape(input(stsSpec, 'AssumeRole'), { RoleArn: 'arn:aws:iam::000000000000:role/r', RoleSessionName: 'sess', PolicyArns: [{ arn: 'short' }] }), [
    "Value 'short' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20",
  ]);
});

test('value ranges', () => {
  assert.deepEqual(validateShape(input(kmsSpec, 'ListKeys'), { Limit: 0 }), [
    "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
  ]);
  assert.deepEqual(validateShape(input(kmsSpec, 'ListKeys'), { Limit: 1001 }), [
    "Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000",
  ]);
});

test('list length', () => {
  const errors = validateShape(input(kmsSpec, 'Encrypt'), { KeyId: 'k', Plaintext: Buffer.from('x'), GrantTokens: Array.from({ length: 11 }, () => 't') });
  assert.deepEqual(errors, ["Value '[t, t, t, t, t, t, t, t, t, t, t]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10"]);
});

test('a list of scalars is checked as a whole, listing every element constraint', () => {
  assert.deepEqual(validateShape(input(ssmSpec, 'GetParameters'), { Names: ['/a', ''] }), [
    "Value '[/a, ]' at 'names' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 2048, Member must have length greater than or equal to 1]",
  ]);
});

const mapSpec: ServiceSpec = {
  signingName: 't',
  endpointPrefix: 't',
  protocol: 'json',
  apiVersion: '2020-01-01',
  serviceId: 'T',
  operations: { Op: { name: 'Op', input: 'In', errors: [], http: { method: 'POST', requestUri: '/' } } },
  shapes: {
    In: {
      type: 'structure',
      required: ['Mode'],
      members: { Attrs: { shape: 'Attrs' }, Mode: { shape: 'Mode' }, Modes: { shape: 'Modes' }, Secret: { shape: 'Secret' }, Nested: { shape: 'Nested' } },
    },
    Attrs: { type: 'map', key: { shape: 'Key' }, value: { shape: 'Val' }, max: 2 },
    Key: { type: 'string', min: 1, max: 3 },
    Val: { type: 'string', max: 2, pattern: '[a-z]*' },
    Mode: { type: 'string', enum: ['ON', 'OFF'] },
    Modes: { type: 'list', member: { shape: 'Mode' } },
    Secret: { type: 'string', sensitive: true, min: 8 },
    Nested: { type: 'structure', sensitive: true, members: { Inner: { shape: 'Key' } } },
  },
};

test('maps: size, keys and values', () => {
  const shape = input(mapSpec, 'Op');
  assert.deepEqual(validateShape(shape, { Mode: 'ON', Attrs: { a: 'b', c: 'd', e: 'f' } }), [
    "Value '{a=b, c=d, e=f}' at 'attrs' failed to satisfy constraint: Member must have length less than or equal to 2",
  ]);
  assert.deepEqual(validateShape(shape, { Mode: 'ON', Attrs: { a: 'TOO' } }), [
    "Value '{a=TOO}' at 'attrs' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 2, Member must satisfy regular expression pattern: [a-z]*]",
  ]);
  assert.deepEqual(validateShape(shape, { Mode: 'ON', Attrs: { long: 'a' } }), [
    "Value '{long=a}' at 'attrs' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 3, Member must have length greater than or equal to 1]",
  ]);
});

test('lists of enums', () => {
  assert.deepEqual(validateShape(input(mapSpec, 'Op'), { Mode: 'ON', Modes: ['ON', 'MAYBE'] }), [
    "Value '[ON, MAYBE]' at 'modes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ON, OFF]]",
  ]);
});

test('nothing inside a sensitive shape is printed', () => {
  assert.deepEqual(validateShape(input(mapSpec, 'Op'), { Mode: 'ON', Secret: 'short', Nested: { Inner: 'toolong' } }), [
    "Value at 'secret' failed to satisfy constraint: Member must have length greater than or equal to 8",
    "Value at 'nested.inner' failed to satisfy constraint: Member must have length less than or equal to 3",
  ]);
});

test('assertValid throws the protocol code with the full message, and passes valid input', () => {
  const shape = input(kmsSpec, 'DescribeKey');
  assert.doesNotThrow(() => assertValid(shape, { KeyId: 'alias/x' }, 'ValidationException'));
  assert.throws(
    () => assertValid(shape, {}, 'ValidationError'),
    (e: unknown) =>
      e instanceof AwsError &&
      e.code === 'ValidationError' &&
      e.httpStatus === 400 &&
      e.fault === 'client' &&
      e.message === "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
  );
});
