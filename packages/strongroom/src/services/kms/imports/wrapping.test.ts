/** Unwrapping imported key material, against material wrapped independently with node:crypto. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import { wrapForImport, WRAPPING_ALGORITHMS as ALGORITHMS } from './import-test-support.ts';
import { unwrapKeyMaterial } from './wrapping.ts';

const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateDer = privateKey.export({ type: 'pkcs8', format: 'der' });

describe('unwrapping imported key material', () => {
  for (const algorithm of ALGORITHMS) {
    it(`unwraps ${algorithm}`, () => {
      const material = nodeCrypto.randomBytes(32);
      const result = unwrapKeyMaterial(algorithm, privateDer, wrapForImport(algorithm, publicKey, material));
      assert.deepEqual(result, { ok: true, material });
    });
  }

  it('RSA_AES_KEY_WRAP carries material of any length (RFC 5649 padding)', () => {
    const material = nodeCrypto.randomBytes(1217);
    const result = unwrapKeyMaterial('RSA_AES_KEY_WRAP_SHA_256', privateDer, wrapForImport('RSA_AES_KEY_WRAP_SHA_256', publicKey, material));
    assert.deepEqual(result, { ok: true, material });
  });

  it('refuses material wrapped with another hash, key or algorithm', () => {
    const material = nodeCrypto.randomBytes(32);
    assert.deepEqual(unwrapKeyMaterial('RSAES_OAEP_SHA_256', privateDer, wrapForImport('RSAES_OAEP_SHA_1', publicKey, material)), { ok: false, reason: 'decrypt' });
    assert.deepEqual(unwrapKeyMaterial('RSA_AES_KEY_WRAP_SHA_1', privateDer, wrapForImport('RSA_AES_KEY_WRAP_SHA_256', publicKey, material)), { ok: false, reason: 'decrypt' });
    const other = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    assert.deepEqual(unwrapKeyMaterial('RSAES_OAEP_SHA_1', privateDer, wrapForImport('RSAES_OAEP_SHA_1', other, material)), { ok: false, reason: 'decrypt' });
    // A tampered AES-KWP part fails its integrity check.
    const tampered = wrapForImport('RSA_AES_KEY_WRAP_SHA_256', publicKey, material);
    tampered[tampered.length - 1] ^= 1;
    assert.deepEqual(unwrapKeyMaterial('RSA_AES_KEY_WRAP_SHA_256', privateDer, tampered), { ok: false, reason: 'decrypt' });
  });

  it('refuses sizes that do not fit the wrapping key', () => {
    const material = nodeCrypto.randomBytes(32);
    const oaep = wrapForImport('RSAES_OAEP_SHA_256', publicKey, material);
    assert.deepEqual(unwrapKeyMaterial('RSAES_OAEP_SHA_256', privateDer, oaep.subarray(1)), { ok: false, reason: 'size' });
    // RSAES ciphertext given as RSA_AES: no room for the wrapped material.
    assert.deepEqual(unwrapKeyMaterial('RSA_AES_KEY_WRAP_SHA_256', privateDer, oaep), { ok: false, reason: 'size' });
  });
});
