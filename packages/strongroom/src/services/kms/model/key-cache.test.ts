/** The hot path's cache: no database reads while nothing changes, and every change seen at once. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStoreEngines } from '../../../testing/test-stores.ts';
import { openKmsTestBed, TEST_SCOPE, type KmsTestBed } from '../kms-test-support.ts';
import { createAlias, updateAlias } from './alias-ops.ts';
import { keyCacheId, parseKeyCacheId } from './key-cache.ts';
import { createKey, setKeyEnabled } from './key-lifecycle.ts';
import { resolveKeySpec } from './key-specs.ts';
import { encryptUnder, keyForEncryption } from './key-usage.ts';
import type { Caller, KmsModel } from './kms-model.ts';
import { eventually } from '../../../testing/eventually.ts';

const caller: Caller = { scope: TEST_SCOPE, principalArn: 'arn:aws:iam::000000000000:user/admin' };

describe('key cache ids', () => {
  it('round-trip scope and name, aliases with slashes included', () => {
    assert.deepEqual(parseKeyCacheId(keyCacheId(TEST_SCOPE, 'alias/a/b')), { scope: TEST_SCOPE, name: 'alias/a/b' });
  });
});

for (const engine of testStoreEngines()) {
  describe(`KMS key cache [${engine.engine}]`, { skip: engine.skip }, () => {
    let bed: KmsTestBed;
    before(async () => {
      bed = await openKmsTestBed(engine);
    });
    after(() => bed?.close());

    it('serves repeated encryptions without loading the key again', async () => {
      const { record } = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      await createAlias(bed.kms, caller, 'alias/hot', record.keyId);
      let loads = 0;
      const original = bed.kms.keys.loadKey.bind(bed.kms.keys);
      bed.kms.keys.loadKey = (scope, keyId) => {
        loads++;
        return original(scope, keyId);
      };
      try {
        for (let i = 0; i < 50; i++) {
          const key = await keyForEncryption(bed.kms, TEST_SCOPE, i % 2 ? 'alias/hot' : record.keyId, { operation: 'Encrypt' });
          encryptUnder(key, Buffer.from('x'), undefined);
        }
        assert.equal(loads, 1);
      } finally {
        bed.kms.keys.loadKey = original;
      }
    });

    it('sees a disable in this process at once and in another process on the same database', async () => {
      const other = await bed.secondModel();
      const { record } = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      await keyForEncryption(other, TEST_SCOPE, record.keyId, { operation: 'Encrypt' });
      await keyForEncryption(bed.kms, TEST_SCOPE, record.keyId, { operation: 'Encrypt' });
      await setKeyEnabled(bed.kms, caller, record.keyId, false);
      const disabled = (model: KmsModel) => assert.rejects(keyForEncryption(model, TEST_SCOPE, record.keyId, { operation: 'Encrypt' }), (e: Error) => e.name === 'DisabledException');
      await disabled(bed.kms);
      await eventually(() => disabled(other));
    });

    it('follows an alias to its new key at once', async () => {
      const a = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      const b = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      await createAlias(bed.kms, caller, 'alias/moving', a.record.keyId);
      assert.equal((await bed.kms.findKey(TEST_SCOPE, 'alias/moving', { aliases: true })).record.keyId, a.record.keyId);
      await updateAlias(bed.kms, caller, 'alias/moving', b.record.keyId);
      assert.equal((await bed.kms.findKey(TEST_SCOPE, 'alias/moving', { aliases: true })).record.keyId, b.record.keyId);
    });

    it('does not cache what a rolled-back transaction wrote', async () => {
      const { record } = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      await assert.rejects(
        bed.store.transaction(async () => {
          await bed.kms.keys.updateKey(TEST_SCOPE, record.keyId, { key_state: 'Disabled' }, bed.clock.now);
          await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.equal((await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false })).record.keyState, 'Enabled');
    });
  });
}
