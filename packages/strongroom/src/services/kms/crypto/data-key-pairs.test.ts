import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { dataKeyPairSpec, generateDataKeyPair } from './data-key-pairs.ts';

describe('data key pairs', () => {
  const cases = [
    ['RSA_2048', 'rsa', 2048],
    ['RSA_3072', 'rsa', 3072],
    ['ECC_NIST_P256', 'ec', 'prime256v1'],
    ['ECC_NIST_P384', 'ec', 'secp384r1'],
    ['ECC_NIST_P521', 'ec', 'secp521r1'],
    ['ECC_SECG_P256K1', 'ec', 'secp256k1'],
  ] as const;

  for (const [spec, type, size] of cases) {
    it(`${spec}: PKCS#8 private key whose public half is the SPKI public key`, async () => {
      const pair = await generateDataKeyPair(dataKeyPairSpec(spec));
      const privateKey = createPrivateKey({ key: pair.privateKey, format: 'der', type: 'pkcs8' });
      const publicKey = createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
      assert.equal(privateKey.asymmetricKeyType, type);
      if (type === 'rsa') assert.equal(privateKey.asymmetricKeyDetails?.modulusLength, size);
      else assert.equal(privateKey.asymmetricKeyDetails?.namedCurve, size);
      assert.deepEqual(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }), pair.publicKey);
      const message = Buffer.from('signed with a data key pair');
      assert.ok(verify('sha256', message, publicKey, sign('sha256', message, privateKey)));
    });
  }

  it('RSA_4096 has a 4096-bit modulus', async () => {
    const pair = await generateDataKeyPair(dataKeyPairSpec('RSA_4096'));
    assert.equal(createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength, 4096);
  });

  it('every pair is fresh', async () => {
    const [a, b] = await Promise.all([generateDataKeyPair(dataKeyPairSpec('ECC_NIST_P256')), generateDataKeyPair(dataKeyPairSpec('ECC_NIST_P256'))]);
    assert.notDeepEqual(a.privateKey, b.privateKey);
    assert.notDeepEqual(a.publicKey, b.publicKey);
  });

  it('refuses SM2 and Ed25519 pairs as unsupported', () => {
    for (const spec of ['SM2', 'ECC_NIST_EDWARDS25519'] as const) {
      assert.throws(() => dataKeyPairSpec(spec), (e: Error) => e.name === 'UnsupportedOperationException' && e.message.includes(spec));
    }
  });
});
