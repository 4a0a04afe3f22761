/** KMS key management through the AWS SDK v3: create, describe, list, describe/enable/disable, deletion scheduling. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey, uniqueAlias } from './kms-test-client.ts';

const DAY = 86_400_000;

for (const engine of testStoreEngines()) {
  describe(`KMS keys [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
    });
    after(() => server?.stop());

    it('CreateKey returns complete KeyMetadata for a symmetric key', async () => {
      const started = Date.now();
      const key = await newKey(kms, { Description: 'orders' });
      assert.match(key.KeyId!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.deepEqual(
        { ...key, CreationDate: undefined, CurrentKeyMaterialId: undefined },
        {
          AWSAccountId: '000000000000',
          KeyId: key.KeyId,
          Arn: `arn:aws:kms:us-east-1:000000000000:key/${key.KeyId}`,
          CreationDate: undefined,
          Enabled: true,
          Description: 'orders',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeyState: 'Enabled',
          Origin: 'AWS_KMS',
          KeyManager: 'CUSTOMER',
          CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
          MultiRegion: false,
          CurrentKeyMaterialId: undefined,
        },
      );
      assert.match(key.CurrentKeyMaterialId!, /^[0-9a-f]{64}$/);
      assert.ok(Math.abs(key.CreationDate!.getTime() - started) < 60_000);
      assert.equal((await newKey(kms)).Description, '', 'no description is an empty one');
    });

    it('CreateKey refuses key specs and usages it cannot serve with AWS errors', async () => {
      await expectError(kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256' })), 'ValidationException', 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
      await expectError(kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY' })), 'ValidationException', 'KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT');
      await expectError(kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' })), 'UnsupportedOperationException');
      await expectError(kms.send(new CreateKeyCommand({ KeySpec: 'NOPE' as never })), 'ValidationException', /Value 'NOPE' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set/);
      await expectError(kms.send(new CreateKeyCommand({ Policy: 'not a policy' })), 'MalformedPolicyDocumentException');
      await expectError(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })), 'TagException', 'Tags beginning with aws: are reserved');
    });

    it('DescribeKey finds a key by key id, key ARN, alias name and alias ARN', async () => {
      const key = await newKey(kms);
      const alias = uniqueAlias();
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
      for (const id of [key.KeyId!, key.Arn!, alias, `arn:aws:kms:us-east-1:000000000000:${alias}`]) {
        const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: id }));
        assert.equal(KeyMetadata?.KeyId, key.KeyId, id);
      }
    });

    it('DescribeKey answers unknown and malformed ids as AWS does', async () => {
      const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
      await expectError(kms.send(new DescribeKeyCommand({ KeyId: missing })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist`);
      await expectError(kms.send(new DescribeKeyCommand({ KeyId: 'fake-key-id' })), 'NotFoundException', "Invalid keyId 'fake-key-id'");
      await expectError(kms.send(new DescribeKeyCommand({ KeyId: 'alias/none' })), 'NotFoundException', 'Alias arn:aws:kms:us-east-1:000000000000:alias/none is not found.');
      await expectError(kms.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:eu-west-1:000000000000:key/${missing}` })), 'NotFoundException', 'Invalid arn eu-west-1');
      await expectError(kms.send(new DescribeKeyCommand({ KeyId: '' })), 'ValidationException', /at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1/);
    });

    it('keeps keys per region', async () => {
      const key = await newKey(kms);
      const west = kmsClient(server, 'eu-west-1');
      await expectError(west.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'NotFoundException', `Key 'arn:aws:kms:eu-west-1:000000000000:key/${key.KeyId}' does not exist`);
      const westKey = await newKey(west);
      assert.equal(westKey.Arn, `arn:aws:kms:eu-west-1:000000000000:key/${westKey.KeyId}`);
    });

    it('ListKeys pages with Limit and Marker through every key', async () => {
      for (let i = 0; i < 5; i++) await newKey(kms);
      const { Keys: all } = await kms.send(new ListKeysCommand({}));
      const seen: string[] = [];
      let marker: string | undefined;
      do {
        const page = await kms.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
        assert.ok(page.Keys!.length <= 2);
        assert.equal(page.Truncated, page.NextMarker !== undefined);
        for (const k of page.Keys!) {
          assert.equal(k.KeyArn, `arn:aws:kms:us-east-1:000000000000:key/${k.KeyId}`);
          seen.push(k.KeyId!);
        }
        marker = page.NextMarker;
      } while (marker);
      assert.deepEqual(seen, all!.map((k) => k.KeyId));
      assert.ok(seen.length >= 5);
      await expectError(kms.send(new ListKeysCommand({ Marker: 'not-a-marker' })), 'InvalidMarkerException');
      await expectError(kms.send(new ListKeysCommand({ Limit: 0 })), 'ValidationException', /Member must have value greater than or equal to 1/);
    });

    it('UpdateKeyDescription, DisableKey and EnableKey change what DescribeKey shows', async () => {
      const key = await newKey(kms);
      await kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'new words' }));
      await kms.send(new DisableKeyCommand({ KeyId: key.Arn }));
      let { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      assert.equal(KeyMetadata?.Description, 'new words');
      assert.equal(KeyMetadata?.KeyState, 'Disabled');
      assert.equal(KeyMetadata?.Enabled, false);
      await expectError(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'DisabledException', `${key.Arn} is disabled.`);
      await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
      ({ KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })));
      assert.equal(KeyMetadata?.KeyState, 'Enabled');
      await expectError(kms.send(new DisableKeyCommand({ KeyId: 'alias/whatever' })), 'NotFoundException', "Invalid keyId 'alias/whatever'");
    });

    it('ScheduleKeyDeletion puts the key in PendingDeletion for 30 days by default', async () => {
      const key = await newKey(kms);
      const before = Date.now();
      const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
      assert.equal(scheduled.KeyId, key.Arn);
      assert.equal(scheduled.KeyState, 'PendingDeletion');
      assert.equal(scheduled.PendingWindowInDays, 30);
      assert.ok(Math.abs(scheduled.DeletionDate!.getTime() - (before + 30 * DAY)) < 60_000);
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      assert.equal(KeyMetadata?.KeyState, 'PendingDeletion');
      assert.equal(KeyMetadata?.Enabled, false);
      assert.equal(KeyMetadata?.DeletionDate?.getTime(), scheduled.DeletionDate?.getTime());

      await expectError(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
      await expectError(kms.send(new EnableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
      await expectError(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
      await expectError(kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'x' })), 'KMSInvalidStateException');
    });

    it('ScheduleKeyDeletion accepts 7–30 days only', async () => {
      const key = await newKey(kms);
      await expectError(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 6 })), 'ValidationException',
        "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7");
      await expectError(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 31 })), 'ValidationException', /less than or equal to 30/);
      const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.equal(scheduled.PendingWindowInDays, 7);
    });

    it('CancelKeyDeletion returns the key to Disabled', async () => {
      const key = await newKey(kms);
      await expectError(kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is not pending deletion.`);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      const cancelled = await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      assert.equal(cancelled.KeyId, key.Arn);
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      assert.equal(KeyMetadata?.KeyState, 'Disabled');
      assert.equal(KeyMetadata?.DeletionDate, undefined);
      await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    });
  });
}
