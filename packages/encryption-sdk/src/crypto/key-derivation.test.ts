import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hkdfSync, randomBytes } from 'node:crypto';
import { assertCommitment, deriveKeys } from './key-derivation.ts';
import { ALGORITHM_SUITES, suiteById } from '../suites.ts';
import { CommitmentMismatchError } from '../errors.ts';

describe('key derivation', () => {
  it('identity suites use the data key itself', () => {
    const pdk = randomBytes(24);
    assert.ok(deriveKeys(suiteById(0x0046)!, pdk, randomBytes(16)).dataKey.equals(pdk));
  });

  it('non-committing HKDF suites match node:crypto hkdfSync (no salt, info = suite id ‖ message id)', () => {
    for (const suite of ALGORITHM_SUITES.filter((s) => s.kdf !== 'identity' && !s.committing)) {
      const pdk = randomBytes(suite.keyBytes);
      const messageId = randomBytes(16);
      const info = Buffer.concat([Buffer.from([suite.id >> 8, suite.id & 0xff]), messageId]);
      const expected = Buffer.from(hkdfSync((suite.kdf as { hash: string }).hash, pdk, Buffer.alloc(0), info, suite.keyBytes));
      assert.ok(deriveKeys(suite, pdk, messageId).dataKey.equals(expected), suite.name);
    }
  });

  it('committing suites derive key and commit key from one extract with the message id as salt', () => {
    for (const id of [0x0478, 0x0578]) {
      const pdk = randomBytes(32);
      const messageId = randomBytes(32);
      const derived = deriveKeys(suiteById(id)!, pdk, messageId);
      const info = Buffer.concat([Buffer.from([id >> 8, id & 0xff]), Buffer.from('DERIVEKEY')]);
      assert.ok(derived.dataKey.equals(Buffer.from(hkdfSync('sha512', pdk, messageId, info, 32))));
      assert.ok(derived.commitKey!.equals(Buffer.from(hkdfSync('sha512', pdk, messageId, Buffer.from('COMMITKEY'), 32))));
    }
  });

  it('checks the commitment', () => {
    const key = randomBytes(32);
    assertCommitment(key, Buffer.from(key));
    assert.throws(() => assertCommitment(key, randomBytes(32)), CommitmentMismatchError);
    assert.throws(() => assertCommitment(key, key.subarray(0, 31)), CommitmentMismatchError);
    assert.throws(() => assertCommitment(key, undefined), CommitmentMismatchError);
  });
});
