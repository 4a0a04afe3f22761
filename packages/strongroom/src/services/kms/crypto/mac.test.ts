import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { computeMac, macMatches } from './mac.ts';

describe('HMAC for KMS HMAC keys', () => {
  const cases = [
    ['HMAC_SHA_224', 'sha224', 28],
    ['HMAC_SHA_256', 'sha256', 32],
    ['HMAC_SHA_384', 'sha384', 48],
    ['HMAC_SHA_512', 'sha512', 64],
  ] as const;

  for (const [algorithm, hash, length] of cases) {
    it(`${algorithm} is node:crypto's ${hash} HMAC, ${length} bytes`, () => {
      const key = randomBytes(length);
      const message = randomBytes(100);
      const mac = computeMac(key, algorithm, message);
      assert.equal(mac.length, length);
      assert.deepEqual(mac, createHmac(hash, key).update(message).digest());
      assert.equal(macMatches(key, algorithm, message, mac), true);
    });
  }

  it('RFC 4231 test case 2 (HMAC-SHA-256)', () => {
    const mac = computeMac(Buffer.from('Jefe'), 'HMAC_SHA_256', Buffer.from('what do ya want for nothing?'));
    assert.equal(mac.toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('rejects a tampered, truncated or extended MAC, another message and another key', () => {
    const key = randomBytes(32);
    const message = Buffer.from('message');
    const mac = computeMac(key, 'HMAC_SHA_256', message);
    const tampered = Buffer.from(mac);
    tampered[5] ^= 1;
    assert.equal(macMatches(key, 'HMAC_SHA_256', message, tampered), false);
    assert.equal(macMatches(key, 'HMAC_SHA_256', message, mac.subarray(0, 31)), false);
    assert.equal(macMatches(key, 'HMAC_SHA_256', message, Buffer.concat([mac, Buffer.alloc(1)])), false);
    assert.equal(macMatches(key, 'HMAC_SHA_256', Buffer.from('messagf'), mac), false);
    assert.equal(macMatches(randomBytes(32), 'HMAC_SHA_256', message, mac), false);
  });
});
