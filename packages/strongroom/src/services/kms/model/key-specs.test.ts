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
    assert.match(error(() => resolveKeySpec({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' })), /^UnsupportedOperationException: KeySpec RSA_2048/);
  });
});
