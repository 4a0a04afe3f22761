/** The key lifecycle on both storage engines: creation, states, lazy deletion and the sweep, sealing at rest. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStoreEngines } from '../../../testing/test-stores.ts';
import { openKmsTestBed, TEST_SCOPE, type KmsTestBed } from '../kms-test-support.ts';
import { createAlias } from './alias-ops.ts';
import { keyArn } from './arns.ts';
import { cancelKeyDeletion, createKey, scheduleKeyDeletion, setKeyEnabled, updateDescription } from './key-lifecycle.ts';
import { resolveKeySpec } from './key-specs.ts';
import { materialAad } from './key-repository.ts';
import type { Caller } from './kms-model.ts';

const DAY = 86_400_000;
const caller: Caller = { scope: TEST_SCOPE, principalArn: 'arn:aws:iam::000000000000:user/admin' };

async function rejects(promise: Promise<unknown>, name: string, message?: string): Promise<void> {
  await assert.rejects(promise, (e: Error) => {
    assert.equal(e.name, name);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

for (const engine of testStoreEngines()) {
  describe(`KMS model [${engine.engine}]`, { skip: engine.skip }, () => {
    let bed: KmsTestBed;
    before(async () => {
      bed = await openKmsTestBed(engine);
    });
    after(() => bed?.close());

    const newKey = (description?: string) => createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}), description });

    it('creates an Enabled key with sealed material and the default policy', async () => {
      const { record, materials } = await newKey('first');
      assert.equal(record.keyState, 'Enabled');
      assert.equal(record.arn, keyArn(TEST_SCOPE, record.keyId));
      assert.match(record.policy, /"Sid" : "Enable IAM User Permissions"/);
      const loaded = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(loaded.record.description, 'first');
      assert.deepEqual(loaded.materials.get(1)?.key, materials.get(1)?.key);
      assert.match(loaded.materials.get(1)!.materialId, /^[0-9a-f]{64}$/);

      const row = await bed.store.db.selectFrom('kms_key_materials').selectAll().where('key_id', '=', record.keyId).executeTakeFirstOrThrow();
      assert.ok(!row.material_sealed.includes(materials.get(1)!.key), 'material is stored sealed');
      assert.deepEqual(bed.barrier.open(row.material_sealed, materialAad(TEST_SCOPE, record.keyId, 1)), materials.get(1)!.key);
      assert.throws(() => bed.barrier.open(row.material_sealed, materialAad(TEST_SCOPE, record.keyId, 2)), 'sealed to its row');
    });

    it('disables, enables and describes', async () => {
      const { record } = await newKey();
      await setKeyEnabled(bed.kms, caller, record.keyId, false);
      assert.equal((await bed.kms.findKey(TEST_SCOPE, record.arn, { aliases: false })).record.keyState, 'Disabled');
      await setKeyEnabled(bed.kms, caller, record.keyId, true);
      await updateDescription(bed.kms, caller, record.keyId, 'renamed');
      const key = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(key.record.keyState, 'Enabled');
      assert.equal(key.record.description, 'renamed');
    });

    it('schedules deletion within 7–30 days and cancels back to Disabled', async () => {
      const { record } = await newKey();
      await rejects(scheduleKeyDeletion(bed.kms, caller, record.keyId, 6), 'ValidationException',
        "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7");
      await rejects(scheduleKeyDeletion(bed.kms, caller, record.keyId, 31), 'ValidationException');
      const scheduled = await scheduleKeyDeletion(bed.kms, caller, record.keyId);
      assert.equal(scheduled.deletionDate, bed.clock.now + 30 * DAY);
      await rejects(scheduleKeyDeletion(bed.kms, caller, record.keyId, 7), 'KMSInvalidStateException', `${record.arn} is pending deletion.`);
      await rejects(setKeyEnabled(bed.kms, caller, record.keyId, true), 'KMSInvalidStateException', `${record.arn} is pending deletion.`);
      await cancelKeyDeletion(bed.kms, caller, record.keyId);
      const key = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(key.record.keyState, 'Disabled');
      assert.equal(key.record.deletionDate, null);
      await rejects(cancelKeyDeletion(bed.kms, caller, record.keyId), 'KMSInvalidStateException', `${record.arn} is not pending deletion.`);
    });

    it('treats a key past its deletion date as gone at once, and the sweep deletes its rows, aliases and tags', async () => {
      const { record } = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}), tags: [{ key: 'team', value: 'a' }] });
      await createAlias(bed.kms, caller, 'alias/doomed', record.keyId);
      const keeper = await newKey();
      await scheduleKeyDeletion(bed.kms, caller, record.keyId, 7);
      await bed.kms.findKey(TEST_SCOPE, 'alias/doomed', { aliases: true });

      bed.clock.now += 7 * DAY;
      await rejects(bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false }), 'NotFoundException', `Key '${record.arn}' does not exist`);
      await rejects(bed.kms.findKey(TEST_SCOPE, 'alias/doomed', { aliases: true }), 'NotFoundException');
      await rejects(setKeyEnabled(bed.kms, caller, record.keyId, false), 'NotFoundException');

      assert.equal(await bed.kms.purgeDueDeletions(), 1);
      assert.equal(await bed.kms.purgeDueDeletions(), 0);
      for (const table of ['kms_keys', 'kms_key_materials', 'kms_key_tags', 'kms_aliases'] as const) {
        const rows = await bed.store.db.selectFrom(table).select('account_id').where(table === 'kms_aliases' ? 'target_key_id' : 'key_id', '=', record.keyId).execute();
        assert.equal(rows.length, 0, `${table} rows of the deleted key`);
      }
      assert.ok(await bed.kms.findKeyById(TEST_SCOPE, keeper.record.keyId));
    });

    it('does not sweep a key whose deletion was cancelled', async () => {
      const { record } = await newKey();
      await scheduleKeyDeletion(bed.kms, caller, record.keyId, 7);
      await cancelKeyDeletion(bed.kms, caller, record.keyId);
      bed.clock.now += 8 * DAY;
      await bed.kms.purgeDueDeletions();
      assert.ok(await bed.kms.findKeyById(TEST_SCOPE, record.keyId));
    });

    it('deletes each due key once when two processes sweep at the same time', async () => {
      const keys = await Promise.all(Array.from({ length: 6 }, () => newKey()));
      for (const { record } of keys) await scheduleKeyDeletion(bed.kms, caller, record.keyId, 7);
      bed.clock.now += 7 * DAY;
      const other = await bed.secondModel();
      const [a, b] = await Promise.all([bed.kms.purgeDueDeletions(), other.purgeDueDeletions()]);
      assert.equal(a + b, 6);
    });

    it('keeps keys apart by account and region', async () => {
      const { record } = await newKey();
      assert.equal(await bed.kms.findKeyById({ accountId: TEST_SCOPE.accountId, region: 'eu-west-1' }, record.keyId), undefined);
      assert.equal(await bed.kms.findKeyById({ accountId: '111111111111', region: TEST_SCOPE.region }, record.keyId), undefined);
    });
  });
}
