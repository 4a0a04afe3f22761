/** KMS key rotation through the AWS SDK v3: EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand, ListKeyRotations. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

const DAY = 86_400_000;

for (const engine of testStoreEngines()) {
  describe(`KMS key rotation [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
    });
    after(() => server?.stop());

    it('is off for new keys; EnableKeyRotation sets the period (default 365) and the next date', async () => {
      const key = await newKey(kms);
      assert.deepEqual(
        { ...(await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))), $metadata: undefined },
        { KeyRotationEnabled: false, KeyId: key.KeyId, $metadata: undefined },
      );
      const before = Date.now();
      await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
      let status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.Arn }));
      assert.equal(status.KeyRotationEnabled, true);
      assert.equal(status.RotationPeriodInDays, 365);
      assert.ok(Math.abs(status.NextRotationDate!.getTime() - (before + 365 * DAY)) < 60_000);
      await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
      status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      assert.equal(status.RotationPeriodInDays, 90);
      await kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }));
      status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      assert.equal(status.KeyRotationEnabled, false);
      assert.equal(status.NextRotationDate, undefined);
    });

    it('EnableKeyRotation accepts periods of 90–2560 days', async () => {
      const key = await newKey(kms);
      await expectError(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 89 })), 'ValidationException',
        "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90");
      await expectError(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 2561 })), 'ValidationException', /less than or equal to 2560/);
    });

    it('RotateKeyOnDemand adds material: new ciphertexts use it, old ones still decrypt', async () => {
      const key = await newKey(kms);
      const old = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('before rotation') }));
      const rotated = await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
      assert.equal(rotated.KeyId, key.KeyId);
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      assert.notEqual(KeyMetadata?.CurrentKeyMaterialId, key.CurrentKeyMaterialId);

      const fresh = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('after rotation') }));
      const freshOut = await kms.send(new DecryptCommand({ CiphertextBlob: fresh.CiphertextBlob }));
      assert.equal(freshOut.KeyMaterialId, KeyMetadata?.CurrentKeyMaterialId);
      const oldOut = await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }));
      assert.equal(Buffer.from(oldOut.Plaintext!).toString(), 'before rotation');
      assert.equal(oldOut.KeyMaterialId, key.CurrentKeyMaterialId);

      const { Rotations, Truncated } = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
      assert.equal(Truncated, false);
      assert.equal(Rotations?.length, 1);
      assert.equal(Rotations![0].RotationType, 'ON_DEMAND');
      assert.equal(Rotations![0].KeyId, key.KeyId);
      assert.equal(Rotations![0].KeyMaterialId, KeyMetadata?.CurrentKeyMaterialId);
      assert.ok(Rotations![0].RotationDate instanceof Date);
      const all = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
      assert.deepEqual(all.Rotations?.map((r) => r.KeyMaterialState), ['NON_CURRENT', 'CURRENT']);
    });

    it('ListKeyRotations pages with Limit and Marker', async () => {
      const key = await newKey(kms);
      for (let i = 0; i < 3; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
      const first = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 2 }));
      assert.equal(first.Rotations?.length, 2);
      assert.equal(first.Truncated, true);
      const second = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 2, Marker: first.NextMarker }));
      assert.equal(second.Rotations?.length, 1);
      assert.equal(second.Truncated, false);
    });

    it('refuses rotation on disabled keys and keys pending deletion', async () => {
      const key = await newKey(kms);
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await expectError(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })), 'DisabledException', `${key.Arn} is disabled.`);
      await expectError(kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId })), 'DisabledException');
      await expectError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })), 'DisabledException');
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await expectError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
      assert.equal((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled, false);
      const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
      await expectError(kms.send(new RotateKeyOnDemandCommand({ KeyId: missing })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist`);
    });
  });
}
