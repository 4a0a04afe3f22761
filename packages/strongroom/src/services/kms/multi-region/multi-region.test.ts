/**
 * Multi-Region keys on both engines: replicas with copied (re-sealed)
 * material, cross-region decryption, shared rotation, the primary role
 * moving, deletion through PendingReplicaDeletion with the sweep (also from
 * a second process), and cache invalidation across regions.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../../../testing/eventually.ts';
import { testStoreEngines } from '../../../testing/test-stores.ts';
import { openKmsTestBed, type KmsTestBed } from '../kms-test-support.ts';
import { cancelKeyDeletion, createKey, scheduleKeyDeletion, setKeyEnabled } from '../model/key-lifecycle.ts';
import { materialAad } from '../model/key-repository.ts';
import { resolveKeySpec } from '../model/key-specs.ts';
import { decryptOpened, encryptUnder, keyForBlob, keyForEncryption } from '../model/key-usage.ts';
import type { Caller, KmsModel } from '../model/kms-model.ts';
import { disableKeyRotation, enableKeyRotation, rotateKeyOnDemand } from '../model/rotation.ts';
import type { KeyScope } from '../model/types.ts';
import { toKeyMetadata } from '../views.ts';
import { MULTI_REGION_KEY_ID_PATTERN } from './ids.ts';
import { replicateKey } from './replicate.ts';
import { updatePrimaryRegion } from './update-primary.ts';

const DAY = 86_400_000;
const ACCOUNT = '000000000000';
const US: KeyScope = { accountId: ACCOUNT, region: 'us-east-1' };
const EU: KeyScope = { accountId: ACCOUNT, region: 'eu-west-1' };
const AP: KeyScope = { accountId: ACCOUNT, region: 'ap-southeast-2' };
const callerIn = (scope: KeyScope): Caller => ({ scope, principalArn: `arn:aws:iam::${ACCOUNT}:user/admin` });
const use = { operation: 'Encrypt' };

async function rejects(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(promise, (e: Error) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

async function encryptIn(kms: KmsModel, scope: KeyScope, keyId: string, text: string): Promise<Buffer> {
  return encryptUnder(await keyForEncryption(kms, scope, keyId, use), Buffer.from(text), { purpose: 'mrk' }).blob;
}

async function decryptIn(kms: KmsModel, scope: KeyScope, blob: Buffer): Promise<string> {
  return decryptOpened(await keyForBlob(kms, scope, blob, undefined, use), { purpose: 'mrk' }).toString();
}

for (const engine of testStoreEngines()) {
  describe(`KMS multi-Region keys [${engine.engine}]`, { skip: engine.skip }, () => {
    let bed: KmsTestBed;
    before(async () => {
      bed = await openKmsTestBed(engine);
    });
    after(() => bed?.close());

    const newPrimary = async () => (await createKey(bed.kms, US, { profile: resolveKeySpec({}), multiRegion: true, description: 'primary' })).record;

    it('creates a primary with an mrk- id that DescribeKey shows as PRIMARY without replicas', async () => {
      const record = await newPrimary();
      assert.match(record.keyId, MULTI_REGION_KEY_ID_PATTERN);
      const metadata = toKeyMetadata(await bed.kms.findKey(US, record.keyId, { aliases: false }));
      assert.equal(metadata.MultiRegion, true);
      assert.deepEqual(metadata.MultiRegionConfiguration, {
        MultiRegionKeyType: 'PRIMARY',
        PrimaryKey: { Arn: record.arn, Region: 'us-east-1' },
        ReplicaKeys: [],
      });
      const single = await createKey(bed.kms, US, { profile: resolveKeySpec({}) });
      assert.equal(toKeyMetadata(single).MultiRegion, false);
      assert.equal(toKeyMetadata(single).MultiRegionConfiguration, undefined);
    });

    it('replicates every material version, sealed to the replica row, with its own policy, description and tags', async () => {
      const primary = await newPrimary();
      await rotateKeyOnDemand(bed.kms, callerIn(US), primary.keyId);
      // Cached before the replica exists: the replica must invalidate it.
      assert.deepEqual((await bed.kms.findKey(US, primary.keyId, { aliases: false })).multiRegion?.replicaRegions, []);

      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
      const { key, tags } = await replicateKey(bed.kms, callerIn(US), primary.arn, { replicaRegion: 'eu-west-1', policy, description: 'replica', tags: [{ key: 'team', value: 'eu' }] });
      assert.equal(key.record.keyId, primary.keyId);
      assert.equal(key.record.arn, `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${primary.keyId}`);
      assert.equal(key.record.keyState, 'Enabled');
      assert.equal(key.record.description, 'replica');
      assert.equal(key.record.policy, policy);
      assert.equal(key.record.currentMaterialVersion, 2);
      assert.deepEqual(tags, [{ key: 'team', value: 'eu' }]);
      assert.deepEqual(await bed.kms.tags.list(US, primary.keyId), [], 'tags are per region');

      const source = await bed.kms.findKey(US, primary.keyId, { aliases: false });
      for (const version of [1, 2]) {
        assert.deepEqual(key.materials.get(version)?.key, source.materials.get(version)?.key);
        assert.equal(key.materials.get(version)?.materialId, source.materials.get(version)?.materialId);
        const row = await bed.store.db.selectFrom('kms_key_materials').selectAll().where('region', '=', 'eu-west-1').where('key_id', '=', primary.keyId).where('version', '=', version).executeTakeFirstOrThrow();
        assert.deepEqual(bed.barrier.open(row.material_sealed, materialAad(EU, primary.keyId, version)), source.materials.get(version)!.key);
        assert.throws(() => bed.barrier.open(row.material_sealed, materialAad(US, primary.keyId, version)), 'sealed to the replica row, not a copy of the primary row');
      }

      const expected = {
        PrimaryKey: { Arn: primary.arn, Region: 'us-east-1' },
        ReplicaKeys: [{ Arn: key.record.arn, Region: 'eu-west-1' }],
      };
      assert.deepEqual(toKeyMetadata(source).MultiRegionConfiguration, { MultiRegionKeyType: 'PRIMARY', ...expected });
      assert.deepEqual(toKeyMetadata(key).MultiRegionConfiguration, { MultiRegionKeyType: 'REPLICA', ...expected });
    });

    it('default policy and no tags when none are given; refuses replicas of replicas, single-Region keys, the own region and a region that has one', async () => {
      const primary = await newPrimary();
      const { key, tags } = await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      assert.match(key.record.policy, /"Sid" : "Enable IAM User Permissions"/);
      assert.equal(key.record.description, '');
      assert.deepEqual(tags, []);

      await rejects(replicateKey(bed.kms, callerIn(EU), primary.keyId, { replicaRegion: 'ap-southeast-2' }), 'UnsupportedOperationException', `${key.record.arn} is not a multi-Region primary key.`);
      const single = (await createKey(bed.kms, US, { profile: resolveKeySpec({}) })).record;
      await rejects(replicateKey(bed.kms, callerIn(US), single.keyId, { replicaRegion: 'eu-west-1' }), 'UnsupportedOperationException', `${single.arn} is not a multi-Region primary key.`);
      await rejects(replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'us-east-1' }), 'ValidationException');
      await rejects(replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' }), 'AlreadyExistsException', `Key '${key.record.arn}' already exists`);
      await rejects(replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'ap-southeast-2', policy: 'not json' }), 'MalformedPolicyDocumentException');
      assert.equal(await bed.kms.findKeyById(AP, primary.keyId), undefined, 'a refused replica leaves nothing behind');
    });

    it('decrypts in one region what the other encrypted, and rotation of the primary reaches the replica at once', async () => {
      const primary = await newPrimary();
      await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      const fromUs = await encryptIn(bed.kms, US, primary.keyId, 'from us-east-1');
      const fromEu = await encryptIn(bed.kms, EU, primary.keyId, 'from eu-west-1');
      assert.equal(await decryptIn(bed.kms, EU, fromUs), 'from us-east-1');
      assert.equal(await decryptIn(bed.kms, US, fromEu), 'from eu-west-1');

      // Warm the replica's cache entry, then rotate the primary.
      await bed.kms.findKey(EU, primary.keyId, { aliases: false });
      await rotateKeyOnDemand(bed.kms, callerIn(US), primary.keyId);
      const rotated = await encryptIn(bed.kms, US, primary.keyId, 'after rotation');
      assert.equal(rotated.readUInt32BE(17), 2);
      const replica = await bed.kms.findKey(EU, primary.keyId, { aliases: false });
      assert.equal(replica.record.currentMaterialVersion, 2);
      assert.equal(replica.record.onDemandRotations, 1);
      assert.equal(await decryptIn(bed.kms, EU, rotated), 'after rotation');
      assert.equal((await encryptIn(bed.kms, EU, primary.keyId, 'eu')).readUInt32BE(17), 2, 'the replica encrypts under the new material too');

      await rejects(rotateKeyOnDemand(bed.kms, callerIn(EU), primary.keyId), 'UnsupportedOperationException', /is a multi-Region replica key/);
      await rejects(enableKeyRotation(bed.kms, callerIn(EU), primary.keyId), 'UnsupportedOperationException');
      await rejects(disableKeyRotation(bed.kms, callerIn(EU), primary.keyId), 'UnsupportedOperationException');
    });

    it('keeps automatic rotation on the primary: settings are mirrored, the scheduler rotates the primary and the replica follows', async () => {
      const primary = await newPrimary();
      await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      await enableKeyRotation(bed.kms, callerIn(US), primary.keyId, 90);
      let replica = await bed.kms.findKey(EU, primary.keyId, { aliases: false });
      assert.equal(replica.record.rotationEnabled, true);
      assert.equal(replica.record.rotationPeriodDays, 90);
      assert.equal(replica.record.nextRotationAt, null, 'only the primary is scheduled');

      bed.clock.now += 90 * DAY;
      assert.ok((await bed.kms.rotateDueKeys()) >= 1);
      const source = await bed.kms.findKey(US, primary.keyId, { aliases: false });
      replica = await bed.kms.findKey(EU, primary.keyId, { aliases: false });
      assert.equal(source.record.currentMaterialVersion, 2);
      assert.equal(replica.record.currentMaterialVersion, 2);
      assert.deepEqual(replica.materials.get(2)?.key, source.materials.get(2)?.key);
      assert.equal(replica.materials.get(2)?.rotationType, 'AUTOMATIC');

      await disableKeyRotation(bed.kms, callerIn(US), primary.keyId);
      assert.equal((await bed.kms.findKey(EU, primary.keyId, { aliases: false })).record.rotationEnabled, false);
    });

    it('UpdatePrimaryRegion swaps the roles and moves the rotation schedule', async () => {
      const primary = await newPrimary();
      await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'ap-southeast-2' });
      await enableKeyRotation(bed.kms, callerIn(US), primary.keyId);
      const next = (await bed.kms.findKey(US, primary.keyId, { aliases: false })).record.nextRotationAt;

      await rejects(updatePrimaryRegion(bed.kms, callerIn(EU), primary.keyId, 'ap-southeast-2'), 'UnsupportedOperationException');
      await rejects(updatePrimaryRegion(bed.kms, callerIn(US), primary.keyId, 'sa-east-1'), 'NotFoundException', `Key 'arn:aws:kms:sa-east-1:${ACCOUNT}:key/${primary.keyId}' does not exist`);
      await updatePrimaryRegion(bed.kms, callerIn(US), primary.keyId, 'eu-west-1');

      const us = await bed.kms.findKey(US, primary.keyId, { aliases: false });
      const eu = await bed.kms.findKey(EU, primary.keyId, { aliases: false });
      const ap = await bed.kms.findKey(AP, primary.keyId, { aliases: false });
      assert.equal(us.multiRegion?.keyType, 'REPLICA');
      assert.equal(eu.multiRegion?.keyType, 'PRIMARY');
      for (const key of [us, eu, ap]) {
        assert.equal(key.multiRegion?.primaryRegion, 'eu-west-1');
        assert.deepEqual(new Set(key.multiRegion?.replicaRegions), new Set(['us-east-1', 'ap-southeast-2']));
      }
      assert.equal(eu.record.nextRotationAt, next);
      assert.equal(us.record.nextRotationAt, null);
      // The new primary manages rotation and replication; the old one no longer does.
      await rotateKeyOnDemand(bed.kms, callerIn(EU), primary.keyId);
      assert.equal((await bed.kms.findKey(US, primary.keyId, { aliases: false })).record.currentMaterialVersion, 2);
      await rejects(rotateKeyOnDemand(bed.kms, callerIn(US), primary.keyId), 'UnsupportedOperationException');
      await rejects(replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'sa-east-1' }), 'UnsupportedOperationException');
    });

    it('deletes a primary with replicas only after them: PendingReplicaDeletion, then its own waiting period (sweep in another process)', async () => {
      const primary = await newPrimary();
      const replica = (await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' })).key.record;

      const scheduled = await scheduleKeyDeletion(bed.kms, callerIn(US), primary.keyId, 10);
      assert.equal(scheduled.keyState, 'PendingReplicaDeletion');
      assert.equal(scheduled.deletionDate, null);
      let metadata = toKeyMetadata(await bed.kms.findKey(US, primary.keyId, { aliases: false }));
      assert.equal(metadata.KeyState, 'PendingReplicaDeletion');
      assert.equal(metadata.PendingDeletionWindowInDays, 10);
      assert.equal(metadata.DeletionDate, undefined);
      await rejects(encryptIn(bed.kms, US, primary.keyId, 'x'), 'KMSInvalidStateException', `${primary.arn} is pending replica deletion.`);
      await rejects(setKeyEnabled(bed.kms, callerIn(US), primary.keyId, true), 'KMSInvalidStateException');
      await rejects(replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'ap-southeast-2' }), 'KMSInvalidStateException');
      assert.equal(await decryptIn(bed.kms, EU, await encryptIn(bed.kms, EU, primary.keyId, 'replica works')), 'replica works');

      const replicaScheduled = await scheduleKeyDeletion(bed.kms, callerIn(EU), primary.keyId, 7);
      assert.equal(replicaScheduled.keyState, 'PendingDeletion');
      assert.equal(replicaScheduled.deletionDate, bed.clock.now + 7 * DAY);

      bed.clock.now += 7 * DAY;
      const other = await bed.secondModel(); // as after a restart: nothing but the rows
      assert.equal(await other.purgeDueDeletions(), 1);
      assert.equal(await other.findKeyById(EU, primary.keyId), undefined);
      assert.equal((await bed.store.db.selectFrom('kms_keys').select('key_id').where('region', '=', replica.region).where('key_id', '=', primary.keyId).execute()).length, 0);
      metadata = toKeyMetadata(await other.findKey(US, primary.keyId, { aliases: false }));
      assert.equal(metadata.KeyState, 'PendingDeletion');
      assert.equal(metadata.DeletionDate?.getTime(), bed.clock.now + 10 * DAY);
      assert.deepEqual(metadata.MultiRegionConfiguration?.ReplicaKeys, []);
      assert.equal(metadata.PendingDeletionWindowInDays, undefined);

      bed.clock.now += 10 * DAY;
      assert.equal(await other.purgeDueDeletions(), 1);
      assert.equal(await other.findKeyById(US, primary.keyId), undefined);
      const rows = await bed.store.db.selectFrom('kms_multi_region_keys').select('region').where('key_id', '=', primary.keyId).execute();
      assert.equal(rows.length, 0);
    });

    it('cancels PendingReplicaDeletion back to Disabled; a primary without replicas goes straight to PendingDeletion', async () => {
      const primary = await newPrimary();
      await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      await scheduleKeyDeletion(bed.kms, callerIn(US), primary.keyId);
      await cancelKeyDeletion(bed.kms, callerIn(US), primary.keyId);
      const key = await bed.kms.findKey(US, primary.keyId, { aliases: false });
      assert.equal(key.record.keyState, 'Disabled');
      assert.equal(toKeyMetadata(key).PendingDeletionWindowInDays, undefined);

      const lonely = await newPrimary();
      const scheduled = await scheduleKeyDeletion(bed.kms, callerIn(US), lonely.keyId, 7);
      assert.equal(scheduled.keyState, 'PendingDeletion');
      assert.equal(scheduled.deletionDate, bed.clock.now + 7 * DAY);
    });

    it('invalidates every region\'s cache entry, in this process at once and in another process on the same database', async () => {
      const other = await bed.secondModel();
      const primary = await newPrimary();
      const replicaRegions = async (model: KmsModel) => (await model.findKey(US, primary.keyId, { aliases: false })).multiRegion?.replicaRegions;
      assert.deepEqual(await replicaRegions(other), []);
      assert.deepEqual(await replicaRegions(bed.kms), []);
      await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      assert.deepEqual(await replicaRegions(bed.kms), ['eu-west-1']);
      await eventually(async () => assert.deepEqual(await replicaRegions(other), ['eu-west-1']));

      // The other process's replica entry is warm; a rotation by this process reaches it.
      const replicaVersion = async (model: KmsModel) => (await model.findKey(EU, primary.keyId, { aliases: false })).record.currentMaterialVersion;
      assert.equal(await replicaVersion(other), 1);
      await rotateKeyOnDemand(bed.kms, callerIn(US), primary.keyId);
      await eventually(async () => assert.equal(await replicaVersion(other), 2));
      assert.equal(await decryptIn(other, EU, await encryptIn(bed.kms, US, primary.keyId, 'fresh')), 'fresh');
    });

    it('replicates again into a region whose replica was deleted', async () => {
      const primary = await newPrimary();
      await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      await scheduleKeyDeletion(bed.kms, callerIn(EU), primary.keyId, 7);
      await rejects(replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' }), 'AlreadyExistsException');
      bed.clock.now += 7 * DAY;
      // Past its deletion date but not yet swept: gone, so a new replica may take its place.
      const { key } = await replicateKey(bed.kms, callerIn(US), primary.keyId, { replicaRegion: 'eu-west-1' });
      assert.equal(key.record.keyState, 'Enabled');
      await bed.kms.purgeDueDeletions();
      assert.equal((await bed.kms.findKey(EU, primary.keyId, { aliases: false })).record.keyState, 'Enabled', 'the sweep leaves the new replica alone');
    });
  });
}
