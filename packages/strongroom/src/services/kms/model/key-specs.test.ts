import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveKeySpec } from './key-specs.ts';

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
}

describe('key specs', () => {
  it('defaults to a symmetric encryption key', () => {
    const profile = resolveKeySpec({});
    assert.equal(profile.keySpec, 'SYMMETRIC_DEFAULT');
    assert.equal(profile.keyUsage, 'ENCRYPT_DECRYPT');
    assert.deepEqual(profile.encryptionAlgorithms, ['SYMMETRIC_DEFAULT']);
    assert.equal(resolveKeySpec({ customerMasterKeySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT' }).keySpec, 'SYMMETRIC_DEFAULT');
  });

  it('answers combinations AWS rejects with AWS errors', () => {
    assert.equal(error(() => resolveKeySpec({ keySpec: 'HMAC_256' })), 'ValidationException: You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
    assert.equal(error(() => resolveKeySpec({ keyUsage: 'SIGN_VERIFY' })), 'ValidationException: KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT');
    assert.match(error(() => resolveKeySpec({ keySpec: 'RSA_2048', customerMasterKeySpec: 'RSA_3072', keyUsage: 'SIGN_VERIFY' })), /^ValidationException: /);
  });

  it('refuses key specs AWS has but Strongroom does not implement yet', () => {
    assert.match(error(() => resolveKeySpec({ keySpec: 'ECC_NIST_EDWARDS25519', keyUsage: 'SIGN_VERIFY' })), /^UnsupportedOperationException: KeySpec ECC_NIST_EDWARDS25519/);
    assert.match(error(() => resolveKeySpec({ keySpec: 'SM2', keyUsage: 'SIGN_VERIFY' })), /^UnsupportedOperationException: KeySpec SM2/);
    assert.match(error(() => resolveKeySpec({ keySpec: 'ML_DSA_65', keyUsage: 'SIGN_VERIFY' })), /^UnsupportedOperationException: KeySpec ML_DSA_65/);
  });

  it('gives every asymmetric and HMAC spec the algorithm lists AWS reports', () => {
    for (const keySpec of ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const) {
      assert.deepEqual(resolveKeySpec({ keySpec, keyUsage: 'ENCRYPT_DECRYPT' }).encryptionAlgorithms, ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
      const signing = resolveKeySpec({ keySpec, keyUsage: 'SIGN_VERIFY' });
      assert.deepEqual(signing.signingAlgorithms, [
        'RSASSA_PKCS1_V1_5_SHA_256',
        'RSASSA_PKCS1_V1_5_SHA_384',
        'RSASSA_PKCS1_V1_5_SHA_512',
        'RSASSA_PSS_SHA_256',
        'RSASSA_PSS_SHA_384',
        'RSASSA_PSS_SHA_512',
      ]);
      assert.equal(signing.encryptionAlgorithms, undefined);
    }
    assert.deepEqual(resolveKeySpec({ keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' }).signingAlgorithms, ['ECDSA_SHA_256']);
    assert.deepEqual(resolveKeySpec({ keySpec: 'ECC_NIST_P384', keyUsage: 'SIGN_VERIFY' }).signingAlgorithms, ['ECDSA_SHA_384']);
    assert.deepEqual(resolveKeySpec({ keySpec: 'ECC_NIST_P521', keyUsage: 'SIGN_VERIFY' }).signingAlgorithms, ['ECDSA_SHA_512']);
    assert.deepEqual(resolveKeySpec({ keySpec: 'ECC_SECG_P256K1', keyUsage: 'SIGN_VERIFY' }).signingAlgorithms, ['ECDSA_SHA_256']);
    for (const keySpec of ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521'] as const) {
      assert.deepEqual(resolveKeySpec({ keySpec, keyUsage: 'KEY_AGREEMENT' }).keyAgreementAlgorithms, ['ECDH']);
    }
    assert.match(error(() => resolveKeySpec({ keySpec: 'ECC_SECG_P256K1', keyUsage: 'KEY_AGREEMENT' })), /^ValidationException: KeyUsage KEY_AGREEMENT is not compatible/);
    for (const bits of [224, 256, 384, 512] as const) {
      const profile = resolveKeySpec({ keySpec: `HMAC_${bits}`, keyUsage: 'GENERATE_VERIFY_MAC' });
      assert.deepEqual(profile.macAlgorithms, [`HMAC_SHA_${bits}`]);
      assert.deepEqual(profile.material, { kind: 'hmac', bytes: bits / 8 });
      assert.equal(profile.rotatable, false);
    }
  });
});
