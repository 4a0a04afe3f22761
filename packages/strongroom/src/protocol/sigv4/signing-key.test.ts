import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hmacSha256 } from '../../crypto/primitives.ts';
import { deriveSigningKey, SigningKeyCache } from './signing-key.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

test('deriveSigningKey is the documented HMAC chain', () => {
  // AWS's documented example: this secret, 20150830/us-east-1/iam.
  assert.equal(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'iam').toString('hex'), 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  let key: Buffer = hmacSha256('AWS4' + SECRET, '20260101');
  for (const part of ['eu-west-1', 'kms', 'aws4_request']) key = hmacSha256(key, part);
  assert.deepEqual(deriveSigningKey(SECRET, '20260101', 'eu-west-1', 'kms'), key);
});

test('the cache returns the derived key and derives each scope once', () => {
  const cache = new SigningKeyCache(8);
  const first = cache.get(SECRET, '20260101', 'us-east-1', 'kms');
  assert.deepEqual(first, deriveSigningKey(SECRET, '20260101', 'us-east-1', 'kms'));
  assert.equal(cache.get(SECRET, '20260101', 'us-east-1', 'kms'), first);
  assert.equal(cache.derivations, 1);
  // Every part of the scope, and the secret, is part of the identity.
  assert.notDeepEqual(cache.get(SECRET, '20260102', 'us-east-1', 'kms'), first);
  assert.notDeepEqual(cache.get(SECRET, '20260101', 'us-east-2', 'kms'), first);
  assert.notDeepEqual(cache.get(SECRET, '20260101', 'us-east-1', 'sts'), first);
  assert.notDeepEqual(cache.get(SECRET + 'x', '20260101', 'us-east-1', 'kms'), first);
  assert.equal(cache.derivations, 5);
});

test('the cache is bounded and evicts the least recently used entry', () => {
  const cache = new SigningKeyCache(3);
  for (const service of ['a', 'b', 'c']) cache.get(SECRET, '20260101', 'us-east-1', service);
  cache.get(SECRET, '20260101', 'us-east-1', 'a'); // a is now the most recent
  cache.get(SECRET, '20260101', 'us-east-1', 'd'); // evicts b
  assert.equal(cache.size, 3);
  const before = cache.derivations;
  cache.get(SECRET, '20260101', 'us-east-1', 'a');
  cache.get(SECRET, '20260101', 'us-east-1', 'c');
  assert.equal(cache.derivations, before);
  cache.get(SECRET, '20260101', 'us-east-1', 'b');
  assert.equal(cache.derivations, before + 1);
  for (let i = 0; i < 100; i++) cache.get(SECRET, '20260101', 'us-east-1', `s${i}`);
  assert.equal(cache.size, 3);
  cache.clear();
  assert.equal(cache.size, 0);
  assert.throws(() => new SigningKeyCache(0), RangeError);
});
