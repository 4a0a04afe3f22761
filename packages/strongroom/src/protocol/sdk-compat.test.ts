/**
 * The real AWS SDK v3 against the codecs: a tiny node:http server decodes
 * what the SDK sends with our decoder, answers with our encoder, and the
 * SDK's own deserializers must read the answer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { KMSClient, EncryptCommand, DescribeKeyCommand, NotFoundException as SdkNotFoundException } from '@aws-sdk/client-kms';
import { AwsError } from '../errors/aws-error.ts';
import type { ProtocolCodec, WireRequest, WireResponse } from './types.ts';
import type { ServiceSpec } from './spec/spec-types.ts';
import { awsQueryCodec } from './aws-query/codec.ts';
import { awsJsonCodec } from './aws-json/codec.ts';
import { stsSpec } from './spec/generated/sts.spec.ts';
import { kmsSpec } from './spec/generated/kms.spec.ts';
import { NotFoundException } from './spec/generated/kms.errors.ts';
import { ExpiredTokenException } from './spec/generated/sts.errors.ts';

type Handler = (op: string, input: any) => unknown;

let server: Server;
let endpoint: string;
let handler: Handler = () => undefined;
const received: Array<{ op: string; input: any }> = [];

function route(req: IncomingMessage, body: Buffer): { spec: ServiceSpec; codec: ProtocolCodec; op: string } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { spec: kmsSpec, codec: awsJsonCodec, op: target.split('.')[1] };
  return { spec: stsSpec, codec: awsQueryCodec, op: new URLSearchParams(body.toString()).get('Action')! };
}

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const wire: WireRequest = { method: req.method ?? 'POST', path: url.pathname, query: url.searchParams, headers: req.headers, body };
      const { spec, codec, op } = route(req, body);
      let out: WireResponse;
      try {
        const input = codec.decodeInput(spec, spec.operations[op], wire);
        received.push({ op, input });
        out = codec.encodeOutput(spec, spec.operations[op], handler(op, input), 'req-0001');
      } catch (e) {
        out = codec.encodeError(spec, e as AwsError, 'req-0001');
      }
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clientConfig = () => ({
  endpoint,
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
});

test('STS: the SDK parses GetCallerIdentity', async () => {
  handler = () => ({ UserId: 'AIDAEXAMPLE', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/admin' });
  const sts = new STSClient(clientConfig());
  const out = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(out.UserId, 'AIDAEXAMPLE');
  assert.equal(out.Account, '000000000000');
  assert.equal(out.Arn, 'arn:aws:iam::000000000000:user/admin');
  assert.equal(out.$metadata.requestId, 'req-0001');
});

test('STS: what the SDK sends for AssumeRole decodes, and the credentials come back', async () => {
  const expiration = new Date('2030-01-02T03:04:05Z');
  handler = () => ({
    Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'wJalr&<secret>', SessionToken: 'token', Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:sess', Arn: 'arn:aws:sts::000000000000:assumed-role/demo/sess' },
    PackedPolicySize: 6,
  });
  const sts = new STSClient(clientConfig());
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: 'arn:aws:iam::000000000000:role/demo',
      RoleSessionName: 'sess',
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [{ Key: 'team', Value: 'blue' }],
      DurationSeconds: 900,
    }),
  );
  assert.deepEqual(received.at(-1), {
    op: 'AssumeRole',
    input: {
      RoleArn: 'arn:aws:iam::000000000000:role/demo',
      RoleSessionName: 'sess',
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [{ Key: 'team', Value: 'blue' }],
      DurationSeconds: 900,
    },
  });
  assert.equal(out.Credentials?.SecretAccessKey, 'wJalr&<secret>');
  assert.equal(out.Credentials?.Expiration?.getTime(), expiration.getTime());
  assert.equal(out.AssumedRoleUser?.Arn, 'arn:aws:sts::000000000000:assumed-role/demo/sess');
  assert.equal(out.PackedPolicySize, 6);
});

test('STS: a model error and a validation error reach the SDK with their code as name', async () => {
  handler = () => {
    throw new ExpiredTokenException('The security token included in the request is expired');
  };
  const sts = new STSClient(clientConfig());
  await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e: any) => {
    assert.equal(e.name, 'ExpiredTokenException');
    assert.equal(e.message, 'The security token included in the request is expired');
    assert.equal(e.$fault, 'client');
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.equal(e.$metadata.requestId, 'req-0001');
    return true;
  });
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/demo', RoleSessionName: 'x' })), (e: any) => {
    assert.equal(e.name, 'ValidationError');
    assert.equal(e.message, "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
    return true;
  });
});

test('KMS: Encrypt round-trips blobs through the SDK', async () => {
  handler = (_op, input) => ({ CiphertextBlob: Buffer.concat([Buffer.from('ct:'), input.Plaintext]), KeyId: 'arn:aws:kms:us-east-1:000000000000:key/k1', EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  const kms = new KMSClient(clientConfig());
  const plaintext = new Uint8Array([0, 1, 2, 250, 251, 255]);
  const out = await kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: plaintext, EncryptionContext: { purpose: 'test' } }));
  const sent = received.at(-1)!;
  assert.equal(sent.op, 'Encrypt');
  assert.deepEqual(new Uint8Array(sent.input.Plaintext), plaintext);
  assert.deepEqual(sent.input.EncryptionContext, { purpose: 'test' });
  assert.deepEqual(out.CiphertextBlob, new Uint8Array([...Buffer.from('ct:'), ...plaintext]));
  assert.equal(out.KeyId, 'arn:aws:kms:us-east-1:000000000000:key/k1');
  assert.equal(out.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
});

test('KMS: DescribeKey timestamps parse as Dates', async () => {
  const created = new Date('2024-02-03T04:05:06.789Z');
  handler = () => ({ KeyMetadata: { KeyId: 'k1', Arn: 'arn:aws:kms:us-east-1:000000000000:key/k1', CreationDate: created, Enabled: true, KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT' } });
  const kms = new KMSClient(clientConfig());
  const out = await kms.send(new DescribeKeyCommand({ KeyId: 'k1' }));
  assert.ok(out.KeyMetadata?.CreationDate instanceof Date);
  assert.equal(out.KeyMetadata?.CreationDate?.getTime(), created.getTime());
  assert.equal(out.KeyMetadata?.Enabled, true);
  assert.equal(out.KeyMetadata?.KeyState, 'Enabled');
});

test('KMS: NotFoundException and ValidationException reach the SDK', async () => {
  handler = () => {
    throw new NotFoundException("Key 'arn:aws:kms:us-east-1:000000000000:key/nope' does not exist");
  };
  const kms = new KMSClient(clientConfig());
  await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: 'nope' })), (e: any) => {
    assert.ok(e instanceof SdkNotFoundException);
    assert.equal(e.name, 'NotFoundException');
    assert.equal(e.message, "Key 'arn:aws:kms:us-east-1:000000000000:key/nope' does not exist");
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.equal(e.$metadata.requestId, 'req-0001');
    return true;
  });
  await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: '' })), (e: any) => {
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1");
    return true;
  });
});

test('an untyped failure reaches the SDK as a 500 server fault', async () => {
  handler = () => {
    throw new AwsError('InternalFailure', 'We encountered an internal error. Please try again.', 500);
  };
  const kms = new KMSClient(clientConfig());
  await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: 'k' })), (e: any) => {
    assert.equal(e.name, 'InternalFailure');
    assert.equal(e.$fault, 'server');
    assert.equal(e.$metadata.httpStatusCode, 500);
    return true;
  });
});
