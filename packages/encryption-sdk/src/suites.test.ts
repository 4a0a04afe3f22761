import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALGORITHM_SUITES, AlgorithmSuiteIdentifier, DEFAULT_SUITE_FOR, policyAllowsDecrypt, policyAllowsEncrypt, suiteById } from './suites.ts';

describe('algorithm suites', () => {
  it('has the 11 ESDK suites with their key lengths, KDFs, versions and signatures', () => {
    const summary = ALGORITHM_SUITES.map((s) => [s.id, s.messageFormatVersion, s.keyBytes, s.kdf === 'identity' ? 'identity' : s.kdf.hash, s.signature?.curve ?? '-', s.cacheSafe]);
    assert.deepEqual(summary, [
      [0x0014, 1, 16, 'identity', '-', false],
      [0x0046, 1, 24, 'identity', '-', false],
      [0x0078, 1, 32, 'identity', '-', false],
      [0x0114, 1, 16, 'sha256', '-', true],
      [0x0146, 1, 24, 'sha256', '-', true],
      [0x0178, 1, 32, 'sha256', '-', true],
      [0x0214, 1, 16, 'sha256', 'P-256', true],
      [0x0346, 1, 24, 'sha384', 'P-384', true],
      [0x0378, 1, 32, 'sha384', 'P-384', true],
      [0x0478, 2, 32, 'sha512', '-', true],
      [0x0578, 2, 32, 'sha512', 'P-384', true],
    ]);
    assert.equal(ALGORITHM_SUITES.filter((s) => s.committing).length, 2);
    assert.equal(suiteById(0x0214)!.signature!.hash, 'sha256');
    assert.equal(suiteById(0x0146)!.cipher, 'aes-192-gcm');
  });

  it('rejects ids that are not ESDK suites (reserved 0x0000, S3EC 0x0070, DBE 0x6700)', () => {
    for (const id of [0x0000, 0x0070, 0x0072, 0x6700, 0x6701, 0xffff]) assert.equal(suiteById(id), undefined);
  });

  it('names the suites like @aws-crypto', () => {
    assert.equal(AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384, 0x0578);
    assert.equal(AlgorithmSuiteIdentifier.ALG_AES128_GCM_IV12_TAG16, 0x0014);
  });

  it('applies the commitment policies', () => {
    const committing = suiteById(0x0478)!;
    const legacy = suiteById(0x0178)!;
    assert.equal(policyAllowsEncrypt('FORBID_ENCRYPT_ALLOW_DECRYPT', legacy), true);
    assert.equal(policyAllowsEncrypt('FORBID_ENCRYPT_ALLOW_DECRYPT', committing), false);
    assert.equal(policyAllowsEncrypt('REQUIRE_ENCRYPT_ALLOW_DECRYPT', legacy), false);
    assert.equal(policyAllowsDecrypt('REQUIRE_ENCRYPT_ALLOW_DECRYPT', legacy), true);
    assert.equal(policyAllowsDecrypt('REQUIRE_ENCRYPT_REQUIRE_DECRYPT', legacy), false);
    assert.equal(policyAllowsDecrypt('REQUIRE_ENCRYPT_REQUIRE_DECRYPT', committing), true);
    assert.equal(DEFAULT_SUITE_FOR('REQUIRE_ENCRYPT_REQUIRE_DECRYPT').id, 0x0578);
    assert.equal(DEFAULT_SUITE_FOR('REQUIRE_ENCRYPT_ALLOW_DECRYPT').id, 0x0578);
    assert.equal(DEFAULT_SUITE_FOR('FORBID_ENCRYPT_ALLOW_DECRYPT').id, 0x0378);
  });
});
