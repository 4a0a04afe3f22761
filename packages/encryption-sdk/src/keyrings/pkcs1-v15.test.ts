import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createHmac, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { pkcs1v15Decrypt } from './pkcs1-v15.ts';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rejectionKey = randomBytes(32);

/** Encrypts an arbitrary 256-byte block with raw RSA (no padding) to craft valid and invalid paddings. */
function seal(block: Buffer): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, block);
}

function block(psLength: number, message: Buffer, overrides: { first?: number; type?: number; separator?: number } = {}): Buffer {
  const ps = Buffer.alloc(psLength);
  for (let i = 0; i < psLength; i++) ps[i] = 1 + Math.floor(Math.random() * 255);
  const b = Buffer.concat([Buffer.of(overrides.first ?? 0, overrides.type ?? 2), ps, Buffer.of(overrides.separator ?? 0), message]);
  assert.equal(b.length, 256);
  return b;
}

describe('PKCS#1 v1.5 unpadding with implicit rejection', () => {
  it('returns the message of a well-formed block', () => {
    const message = randomBytes(32);
    assert.ok(pkcs1v15Decrypt(privateKey, rejectionKey, seal(block(256 - 3 - 32, message)), 32).equals(message));
    // a message that starts with zero bytes
    const zeros = Buffer.concat([Buffer.alloc(5), randomBytes(11)]);
    assert.ok(pkcs1v15Decrypt(privateKey, rejectionKey, seal(block(256 - 3 - 16, zeros)), 16).equals(zeros));
  });

  it('returns the synthetic key for every malformed block', () => {
    const message = randomBytes(32);
    const cases = [
      seal(block(256 - 3 - 32, message, { first: 1 })), // leading byte
      seal(block(256 - 3 - 32, message, { type: 1 })), // block type 1 (signature padding)
      seal(Buffer.concat([Buffer.of(0, 2), Buffer.alloc(254, 7)])), // no separator
      seal(Buffer.concat([Buffer.of(0, 2), Buffer.alloc(7, 9), Buffer.of(0), randomBytes(246)])), // PS of 7 bytes
      seal(block(256 - 3 - 31, randomBytes(31))), // wrong key length for the suite
    ];
    for (const ciphertext of cases) {
      const out = pkcs1v15Decrypt(privateKey, rejectionKey, ciphertext, 32);
      assert.ok(out.equals(createHmac('sha256', rejectionKey).update(ciphertext).digest()));
    }
    // longer keys than the HMAC output repeat it (only the length matters for rejection)
    assert.equal(pkcs1v15Decrypt(privateKey, rejectionKey, cases[0], 24).length, 24);
  });
});
