import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestSigner } from './signer.ts';

const url = new URL('http://127.0.0.1:4566');
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const date = new Date('2026-01-02T03:04:05Z');

test('the node:crypto hash signs exactly as @aws-crypto/sha256-js does', async () => {
  const request = { headers: { 'amz-sdk-invocation-id': 'fixed', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{"KeyId":"k"}' };
  const viaNode = await new RequestSigner(url, credentials, 'kms', 'us-east-1', 'node').sign(request, date);
  const viaJs = await new RequestSigner(url, credentials, 'kms', 'us-east-1', 'js').sign(request, date);
  assert.equal(viaNode.headers.authorization, viaJs.headers.authorization);
  assert.match(viaNode.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20260102\/us-east-1\/kms\/aws4_request, SignedHeaders=[^ ]*host[^ ]*, Signature=[0-9a-f]{64}$/);
  assert.equal(viaNode.headers['x-amz-date'], '20260102T030405Z');
  assert.equal(viaNode.headers['content-type'], 'application/x-amz-json-1.1');
  assert.equal(viaNode.headers.host, '127.0.0.1:4566');
  assert.equal(viaNode.headers['content-length'], String(Buffer.byteLength('{"KeyId":"k"}')));
  assert.deepEqual(viaNode.body, Buffer.from('{"KeyId":"k"}'));
});

test('every request gets its own signed invocation id, hence its own signature', async () => {
  const signer = new RequestSigner(url, credentials, 'sts', 'us-east-1');
  const a = await signer.sign({ headers: {}, body: 'Action=GetCallerIdentity' }, date);
  const b = await signer.sign({ headers: {}, body: 'Action=GetCallerIdentity' }, date);
  assert.notEqual(a.headers['amz-sdk-invocation-id'], b.headers['amz-sdk-invocation-id']);
  assert.notEqual(a.headers.authorization, b.headers.authorization);
  assert.match(a.headers.authorization, /SignedHeaders=amz-sdk-invocation-id;/);
});
