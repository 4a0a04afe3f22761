import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import { resolveKeySpec } from '../model/key-specs.ts';
import type { KeyMaterial } from '../model/types.ts';
import { generateKeyMaterial } from './key-material.ts';
import { privateKeyOf, publicKeyDerOf, publicKeyOf } from './key-objects.ts';

function material(key: Buffer): KeyMaterial {
  return { version: 1, materialId: 'a'.repeat(64), key, createdAt: 0, rotationType: null };
}

describe('key material', () => {
  it('is 32 random bytes for symmetric keys and the AWS key length for HMAC keys', async () => {
    assert.equal((await generateKeyMaterial(resolveKeySpec({}).material)).length, 32);
    for (const [spec, bytes] of [['HMAC_224', 28], ['HMAC_256', 32], ['HMAC_384', 48], ['HMAC_512', 64]] as const) {
      const first = await generateKeyMaterial(resolveKeySpec({ keySpec: spec, keyUsage: 'GENERATE_VERIFY_MAC' }).material);
      const second = await generateKeyMaterial(resolveKeySpec({ keySpec: spec, keyUsage: 'GENERATE_VERIFY_MAC' }).material);
      assert.equal(first.length, bytes);
      assert.notDeepEqual(first, second);
    }
  });

  it('is a PKCS#8 DER private key of the spec for asymmetric keys', async () => {
    for (const [keySpec, keyUsage, type, detail] of [
      ['RSA_2048', 'SIGN_VERIFY', 'rsa', 2048],
      ['ECC_NIST_P256', 'KEY_AGREEMENT', 'ec', 'prime256v1'],
      ['ECC_NIST_P384', 'SIGN_VERIFY', 'ec', 'secp384r1'],
      ['ECC_NIST_P521', 'SIGN_VERIFY', 'ec', 'secp521r1'],
      ['ECC_SECG_P256K1', 'SIGN_VERIFY', 'ec', 'secp256k1'],
    ] as const) {
      const der = await generateKeyMaterial(resolveKeySpec({ keySpec, keyUsage }).material);
      const key = nodeCrypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      assert.equal(key.asymmetricKeyType, type);
      if (type === 'rsa') assert.equal(key.asymmetricKeyDetails?.modulusLength, detail);
      else assert.equal(key.asymmetricKeyDetails?.namedCurve, detail);
    }
  });

  it('parses each material object once and hands out copies of the public key', async () => {
    const m = material(await generateKeyMaterial({ kind: 'ec', curve: 'prime256v1' }));
    assert.equal(privateKeyOf(m), privateKeyOf(m));
    assert.equal(publicKeyOf(m), publicKeyOf(m));
    const der = publicKeyDerOf(m);
    der.fill(0);
    const expected = nodeCrypto.createPublicKey(nodeCrypto.createPrivateKey({ key: m.key, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
    assert.deepEqual(publicKeyDerOf(m), expected);
    // Another material object with the same bytes is parsed on its own.
    assert.notEqual(privateKeyOf(material(Buffer.from(m.key))), privateKeyOf(m));
  });
});
