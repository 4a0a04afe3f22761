/** Rotation on both engines: new material versions, old ciphertexts, the schedule, and concurrent schedulers. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStoreEngines } from '../../../testing/test-stores.ts';
import { openKmsTestBed, TEST_SCOPE, type KmsTestBed } from '../kms-test-support.ts';
import { createKey, setKeyEnabled } from './key-lifecycle.ts';
import { resolveKeySpec } from './key-specs.ts';
import { decryptOpened, encryptUnder, keyForBlob, keyForEncryption } from './key-usage.ts';
import type { Caller, KmsModel } from './kms-model.ts';
import { listRotations } from './listings.ts';
import { disableKeyRotation, enableKeyRotation, ON_DEMAND_ROTATION_LIMIT, rotateKeyOnDemand } from './rotation.ts';

const DAY = 86_400_000;
const caller: Caller = { scope: TEST_SCOPE, principalArn: 'arn:aws:iam::000000000000:user/admin' };
const use = { operation: 'Encrypt' };

async function encryptWith(kms: KmsModel, keyId: string, text: string): Promise<Buffer> {
  return encryptUnder(await keyForEncryption(kms, TEST_SCOPE, keyId, use), Buffer.from(text), { app: 'test' }).blob;
}

async function decryptWith(kms: KmsModel, blob: Buffer): Promise<string> {
  return decryptOpened(await keyForBlob(kms, TEST_SCOPE, blob, undefined, use), { app: 'test' }).toString();
}

for (const engine of testStoreEngines()) {
  describe(`KMS rotation [${engine.engine}]`, { skip: engine.skip }, () => {
    let bed: KmsTestBed;
    before(async () => {
      bed = await openKmsTestBed(engine);
    });
    after(() => bed?.close());

    const newKeyId = async () => (await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) })).record.keyId;

    it('rotates on demand: new encryptions use the new material, old ciphertexts still decrypt', async () => {
      const keyId = await newKeyId();
      const before = await encryptWith(bed.kms, keyId, 'old');
      await rotateKeyOnDemand(bed.kms, caller, keyId);
      const afterBlob = await encryptWith(bed.kms, keyId, 'new');
      assert.equal(before.readUInt32BE(17), 1);
      assert.equal(afterBlob.readUInt32BE(17), 2);
      assert.equal(await decryptWith(bed.kms, before), 'old');
      assert.equal(await decryptWith(bed.kms, afterBlob), 'new');
      const rotations = await listRotations(bed.kms, TEST_SCOPE, keyId, { includeInitial: false });
      assert.deepEqual(rotations.items.map((r) => [r.rotationType, r.current]), [['ON_DEMAND', true]]);
      const all = await listRotations(bed.kms, TEST_SCOPE, keyId, { includeInitial: true });
      assert.equal(all.items.length, 2);
    });

    it(`allows ${ON_DEMAND_ROTATION_LIMIT} on-demand rotations per key`, async () => {
      const keyId = await newKeyId();
      for (let i = 0; i < ON_DEMAND_ROTATION_LIMIT; i++) await rotateKeyOnDemand(bed.kms, caller, keyId);
      await assert.rejects(rotateKeyOnDemand(bed.kms, caller, keyId), (e: Error) => e.name === 'LimitExceededException');
      const page = await listRotations(bed.kms, TEST_SCOPE, keyId, { includeInitial: false, limit: 10 });
      assert.equal(page.items.length, 10);
      assert.ok(page.nextMarker);
      const next = await listRotations(bed.kms, TEST_SCOPE, keyId, { includeInitial: false, limit: 100, marker: page.nextMarker });
      assert.equal(next.items.length, ON_DEMAND_ROTATION_LIMIT - 10);
    });

    it('rotates automatically when due, and not while disabled', async () => {
      const keyId = await newKeyId();
      const disabledId = await newKeyId();
      await enableKeyRotation(bed.kms, caller, keyId, 90);
      await enableKeyRotation(bed.kms, caller, disabledId, 90);
      await setKeyEnabled(bed.kms, caller, disabledId, false);
      const blob = await encryptWith(bed.kms, keyId, 'kept');
      const start = bed.clock.now;
      assert.equal((await bed.kms.findKeyById(TEST_SCOPE, keyId))!.record.nextRotationAt, start + 90 * DAY);

      assert.equal(await bed.kms.rotateDueKeys(start + 89 * DAY), 0);
      bed.clock.now = start + 90 * DAY;
      assert.equal(await bed.kms.rotateDueKeys(), 1);
      const key = (await bed.kms.findKeyById(TEST_SCOPE, keyId))!;
      assert.equal(key.record.currentMaterialVersion, 2);
      assert.equal(key.record.nextRotationAt, bed.clock.now + 90 * DAY);
      assert.equal((await bed.kms.findKeyById(TEST_SCOPE, disabledId))!.record.currentMaterialVersion, 1);
      assert.equal(await decryptWith(bed.kms, blob), 'kept');
      const rotations = await listRotations(bed.kms, TEST_SCOPE, keyId, { includeInitial: false });
      assert.deepEqual(rotations.items.map((r) => r.rotationType), ['AUTOMATIC']);

      await disableKeyRotation(bed.kms, caller, keyId);
      bed.clock.now += 365 * DAY;
      await bed.kms.rotateDueKeys();
      assert.equal((await bed.kms.findKeyById(TEST_SCOPE, keyId))!.record.currentMaterialVersion, 2);
    });

    it('refuses rotation settings on disabled keys with DisabledException', async () => {
      const keyId = await newKeyId();
      await setKeyEnabled(bed.kms, caller, keyId, false);
      await assert.rejects(enableKeyRotation(bed.kms, caller, keyId), (e: Error) => e.name === 'DisabledException');
      await assert.rejects(rotateKeyOnDemand(bed.kms, caller, keyId), (e: Error) => e.name === 'DisabledException');
    });

    it('rotates each due key exactly once when two schedulers run at the same time', async () => {
      const ids = await Promise.all(Array.from({ length: 5 }, newKeyId));
      for (const id of ids) await enableKeyRotation(bed.kms, caller, id, 90);
      bed.clock.now += 91 * DAY;
      const other = await bed.secondModel();
      const [a, b] = await Promise.all([bed.kms.rotateDueKeys(), other.rotateDueKeys()]);
      assert.equal(a + b, 5, `rotated ${a} + ${b}`);
      for (const id of ids) {
        const key = (await bed.kms.keys.loadKey(TEST_SCOPE, id))!;
        assert.equal(key.record.currentMaterialVersion, 2, 'one rotation per key');
        assert.equal(key.materials.size, 2);
      }
    });

    it('reloads a key another process rotated when a ciphertext names the newer material', async () => {
      const keyId = await newKeyId();
      const other = await bed.secondModel();
      await encryptWith(other, keyId, 'warm the cache');
      await rotateKeyOnDemand(bed.kms, caller, keyId);
      const fresh = await encryptWith(bed.kms, keyId, 'rotated');
      assert.equal(await decryptWith(other, fresh), 'rotated');
    });
  });
}
