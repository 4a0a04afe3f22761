/**
 * Multi-Region keys through the AWS SDK v3, with one client per region on
 * the same server (the region comes from the SigV4 scope): CreateKey with
 * MultiRegion, ReplicateKey, DescribeKey on both sides, cross-region
 * decryption (checked against node:crypto with a data key), rotation of the
 * primary, UpdatePrimaryRegion, deletion rules and errors.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

const PRIMARY = 'us-east-1';
const REPLICA = 'eu-west-1';

for (const engine of testStoreEngines()) {
  describe(`KMS multi-Region keys [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let us: KMSClient;
    let eu: KMSClient;
    let ap: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      us = kmsClient(server, PRIMARY);
      eu = kmsClient(server, REPLICA);
      ap = kmsClient(server, 'ap-southeast-2');
    });
    after(() => server?.stop());

    const arnIn = (region: string, keyId: string) => `arn:aws:kms:${region}:${server.accountId}:key/${keyId}`;

    async function primaryWithReplica(description = 'mrk primary') {
      const primary = await newKey(us, { MultiRegion: true, Description: description });
      const replicated = await us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: REPLICA }));
      return { primary, replica: replicated.ReplicaKeyMetadata! };
    }

    it('creates a multi-Region primary key (mrk- id) and replicates it with its own policy, description and tags', async () => {
      const primary = await newKey(us, { MultiRegion: true, Description: 'primary key', Tags: [{ TagKey: 'site', TagValue: 'us' }] });
      assert.match(primary.KeyId!, /^mrk-[0-9a-f]{32}$/);
      assert.equal(primary.MultiRegion, true);
      assert.deepEqual(primary.MultiRegionConfiguration, {
        MultiRegionKeyType: 'PRIMARY',
        PrimaryKey: { Arn: arnIn(PRIMARY, primary.KeyId!), Region: PRIMARY },
        ReplicaKeys: [],
      });
      await expectError(eu.send(new DescribeKeyCommand({ KeyId: primary.KeyId })), 'NotFoundException', `Key '${arnIn(REPLICA, primary.KeyId!)}' does not exist`);

      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
      });
      const replicated = await us.send(
        new ReplicateKeyCommand({ KeyId: primary.Arn, ReplicaRegion: REPLICA, Policy: policy, Description: 'replica key', Tags: [{ TagKey: 'site', TagValue: 'eu' }] }),
      );
      const replica = replicated.ReplicaKeyMetadata!;
      assert.equal(replica.KeyId, primary.KeyId);
      assert.equal(replica.Arn, arnIn(REPLICA, primary.KeyId!));
      assert.equal(replica.Description, 'replica key');
      assert.equal(replica.KeyState, 'Enabled');
      assert.equal(replica.KeySpec, 'SYMMETRIC_DEFAULT');
      assert.equal(replica.KeyUsage, 'ENCRYPT_DECRYPT');
      assert.equal(replica.Origin, 'AWS_KMS');
      assert.equal(replica.CurrentKeyMaterialId, primary.CurrentKeyMaterialId);
      assert.equal(replicated.ReplicaPolicy, policy);
      assert.deepEqual(replicated.ReplicaTags, [{ TagKey: 'site', TagValue: 'eu' }]);

      const expected = { PrimaryKey: { Arn: primary.Arn, Region: PRIMARY }, ReplicaKeys: [{ Arn: replica.Arn, Region: REPLICA }] };
      const fromUs = (await us.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      const fromEu = (await eu.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.deepEqual(fromUs.MultiRegionConfiguration, { MultiRegionKeyType: 'PRIMARY', ...expected });
      assert.deepEqual(fromEu.MultiRegionConfiguration, { MultiRegionKeyType: 'REPLICA', ...expected });
      assert.equal(fromUs.Description, 'primary key');
      assert.equal(fromEu.Description, 'replica key');

      assert.equal((await eu.send(new GetKeyPolicyCommand({ KeyId: primary.KeyId, PolicyName: 'default' }))).Policy, policy);
      assert.match((await us.send(new GetKeyPolicyCommand({ KeyId: primary.KeyId, PolicyName: 'default' }))).Policy!, /Enable IAM User Permissions/);
      assert.deepEqual((await us.send(new ListResourceTagsCommand({ KeyId: primary.KeyId }))).Tags, [{ TagKey: 'site', TagValue: 'us' }]);
      assert.deepEqual((await eu.send(new ListResourceTagsCommand({ KeyId: primary.KeyId }))).Tags, [{ TagKey: 'site', TagValue: 'eu' }]);
      const listed = (await eu.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyArn);
      assert.ok(listed.includes(replica.Arn), 'the replica is listed in its region');
    });

    it('ReplicateKey without Policy or Tags: the default policy and no ReplicaTags', async () => {
      const primary = await newKey(us, { MultiRegion: true });
      const replicated = await us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-southeast-2' }));
      assert.equal(JSON.parse(replicated.ReplicaPolicy!).Statement[0].Sid, 'Enable IAM User Permissions');
      assert.equal(replicated.ReplicaTags, undefined);
      assert.equal(replicated.ReplicaKeyMetadata!.Description, '');
    });

    it('decrypts in either region what the other encrypted, and a data key made in one region works in the other (node:crypto)', async () => {
      const { primary } = await primaryWithReplica();
      const context = { purpose: 'cross-region' };
      const fromUs = await us.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('made in us-east-1'), EncryptionContext: context }));
      const inEu = await eu.send(new DecryptCommand({ CiphertextBlob: fromUs.CiphertextBlob, EncryptionContext: context }));
      assert.equal(Buffer.from(inEu.Plaintext!).toString(), 'made in us-east-1');
      assert.equal(inEu.KeyId, arnIn(REPLICA, primary.KeyId!));

      const fromEu = await eu.send(new EncryptCommand({ KeyId: arnIn(REPLICA, primary.KeyId!), Plaintext: Buffer.from('made in eu-west-1') }));
      const inUs = await us.send(new DecryptCommand({ CiphertextBlob: fromEu.CiphertextBlob, KeyId: primary.KeyId }));
      assert.equal(Buffer.from(inUs.Plaintext!).toString(), 'made in eu-west-1');

      // Envelope encryption across regions: the data key encrypts locally with node:crypto in one region, the other region recovers it.
      const dataKey = await us.send(new GenerateDataKeyCommand({ KeyId: primary.KeyId, KeySpec: 'AES_256', EncryptionContext: context }));
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', dataKey.Plaintext!, iv);
      const sealed = Buffer.concat([cipher.update('envelope across regions'), cipher.final()]);
      const tag = cipher.getAuthTag();
      const recovered = await eu.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: context }));
      const decipher = createDecipheriv('aes-256-gcm', recovered.Plaintext!, iv);
      decipher.setAuthTag(tag);
      assert.equal(Buffer.concat([decipher.update(sealed), decipher.final()]).toString(), 'envelope across regions');

      // A region without the key cannot read it.
      await expectError(ap.send(new DecryptCommand({ CiphertextBlob: fromUs.CiphertextBlob, EncryptionContext: context })), 'InvalidCiphertextException');
    });

    it('rotation on demand of the primary reaches the replica; rotation is managed on the primary only', async () => {
      const { primary } = await primaryWithReplica();
      await us.send(new RotateKeyOnDemandCommand({ KeyId: primary.KeyId }));
      const after = (await us.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.notEqual(after.CurrentKeyMaterialId, primary.CurrentKeyMaterialId);
      const replica = (await eu.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.equal(replica.CurrentKeyMaterialId, after.CurrentKeyMaterialId);

      const rotated = await us.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('new material') }));
      const decrypted = await eu.send(new DecryptCommand({ CiphertextBlob: rotated.CiphertextBlob }));
      assert.equal(Buffer.from(decrypted.Plaintext!).toString(), 'new material');
      assert.equal(decrypted.KeyMaterialId, after.CurrentKeyMaterialId);

      await expectError(eu.send(new RotateKeyOnDemandCommand({ KeyId: primary.KeyId })), 'UnsupportedOperationException');
      await expectError(eu.send(new EnableKeyRotationCommand({ KeyId: primary.KeyId })), 'UnsupportedOperationException');
      await us.send(new EnableKeyRotationCommand({ KeyId: primary.KeyId, RotationPeriodInDays: 180 }));
      const status = await eu.send(new GetKeyRotationStatusCommand({ KeyId: primary.KeyId }));
      assert.equal(status.KeyRotationEnabled, true);
      assert.equal(status.RotationPeriodInDays, 180);
    });

    it('UpdatePrimaryRegion swaps the roles', async () => {
      const { primary, replica } = await primaryWithReplica();
      await expectError(eu.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: PRIMARY })), 'UnsupportedOperationException');
      await expectError(us.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: 'sa-east-1' })), 'NotFoundException');
      await us.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: REPLICA }));
      const expected = { PrimaryKey: { Arn: replica.Arn, Region: REPLICA }, ReplicaKeys: [{ Arn: primary.Arn, Region: PRIMARY }] };
      assert.deepEqual((await us.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!.MultiRegionConfiguration, { MultiRegionKeyType: 'REPLICA', ...expected });
      assert.deepEqual((await eu.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!.MultiRegionConfiguration, { MultiRegionKeyType: 'PRIMARY', ...expected });
      // Now the eu-west-1 key replicates and rotates; us-east-1 no longer does.
      await eu.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-southeast-2' }));
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'sa-east-1' })), 'UnsupportedOperationException');
      await eu.send(new RotateKeyOnDemandCommand({ KeyId: primary.KeyId }));
      const us2 = (await us.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      const ap2 = (await ap.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.equal(us2.CurrentKeyMaterialId, ap2.CurrentKeyMaterialId);
      assert.notEqual(us2.CurrentKeyMaterialId, primary.CurrentKeyMaterialId);
    });

    it('ScheduleKeyDeletion of a primary with replicas: PendingReplicaDeletion without a date; CancelKeyDeletion restores it', async () => {
      const { primary } = await primaryWithReplica();
      const scheduled = await us.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 10 }));
      assert.equal(scheduled.KeyState, 'PendingReplicaDeletion');
      assert.equal(scheduled.PendingWindowInDays, 10);
      assert.equal(scheduled.DeletionDate, undefined);
      assert.equal(scheduled.KeyId, primary.Arn);
      const described = (await us.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.equal(described.KeyState, 'PendingReplicaDeletion');
      assert.equal(described.PendingDeletionWindowInDays, 10);
      assert.equal(described.DeletionDate, undefined);
      assert.equal(described.Enabled, false);
      await expectError(us.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${primary.Arn} is pending replica deletion.`);
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-southeast-2' })), 'KMSInvalidStateException');
      // The replica is unaffected and is deleted on its own schedule.
      await eu.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('still usable') }));
      const replicaScheduled = await eu.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));
      assert.equal(replicaScheduled.KeyState, 'PendingDeletion');
      assert.ok(replicaScheduled.DeletionDate);

      const cancelled = await us.send(new CancelKeyDeletionCommand({ KeyId: primary.KeyId }));
      assert.equal(cancelled.KeyId, primary.Arn);
      assert.equal((await us.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!.KeyState, 'Disabled');
      await eu.send(new CancelKeyDeletionCommand({ KeyId: primary.KeyId }));
    });

    it('refuses what AWS refuses', async () => {
      const { primary } = await primaryWithReplica();
      const single = await newKey(us);
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: single.KeyId, ReplicaRegion: REPLICA })), 'UnsupportedOperationException', `${single.Arn} is not a multi-Region primary key.`);
      await expectError(eu.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-southeast-2' })), 'UnsupportedOperationException', `${arnIn(REPLICA, primary.KeyId!)} is not a multi-Region primary key.`);
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: REPLICA })), 'AlreadyExistsException');
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: PRIMARY })), 'ValidationException');
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'not a region' })), 'ValidationException', /at 'replicaRegion' failed to satisfy constraint: Member must satisfy regular expression pattern/);
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-southeast-2', Policy: '{not json' })), 'MalformedPolicyDocumentException');
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-southeast-2', Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })), 'TagException');
      await expectError(ap.send(new DescribeKeyCommand({ KeyId: primary.KeyId })), 'NotFoundException');
      await expectError(us.send(new ReplicateKeyCommand({ KeyId: 'alias/nope', ReplicaRegion: REPLICA })), 'NotFoundException');
      await expectError(us.send(new DescribeKeyCommand({ KeyId: 'mrk-1234' })), 'NotFoundException', "Invalid keyId 'mrk-1234'");
      // Aliases are per region.
      await us.send(new CreateAliasCommand({ AliasName: 'alias/mrk-us-only', TargetKeyId: primary.KeyId }));
      await expectError(eu.send(new DescribeKeyCommand({ KeyId: 'alias/mrk-us-only' })), 'NotFoundException');
    });
  });
}
