/** KMS cryptographic operations through the AWS SDK v3: Encrypt, Decrypt, ReEncrypt, GenerateDataKey*, GenerateRandom. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAliasCommand,
  DecryptCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey, uniqueAlias } from './kms-test-client.ts';

const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';
const INCORRECT_KEY = 'The key ID in the request does not identify a CMK that can perform this operation.';

for (const engine of testStoreEngines()) {
  describe(`KMS cryptographic operations [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    let key: KeyMetadata;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
      key = await newKey(kms);
    });
    after(() => server?.stop());

    const encrypt = (text: string, context?: Record<string, string>, keyId = key.KeyId) =>
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text), EncryptionContext: context }));

    it('Encrypt and Decrypt round-trip, the blob naming its key', async () => {
      const encrypted = await encrypt('attack at dawn', { tenant: 'acme', purpose: 'test' });
      assert.equal(encrypted.KeyId, key.Arn);
      assert.equal(encrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { purpose: 'test', tenant: 'acme' } }));
      assert.equal(Buffer.from(decrypted.Plaintext!).toString(), 'attack at dawn');
      assert.equal(decrypted.KeyId, key.Arn);
      assert.equal(decrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      assert.equal(decrypted.KeyMaterialId, key.CurrentKeyMaterialId);
    });

    it('Encrypt accepts an alias and the full 4096 bytes, and refuses more', async () => {
      const alias = uniqueAlias();
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
      const big = Buffer.alloc(4096, 7);
      const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: alias, Plaintext: big }));
      assert.deepEqual(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!), big);
      await expectError(kms.send(new EncryptCommand({ KeyId: alias, Plaintext: Buffer.alloc(4097) })), 'ValidationException',
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
    });

    it('Decrypt fails with InvalidCiphertextException for another context, a flipped bit or a truncated blob', async () => {
      const { CiphertextBlob } = await encrypt('bound', { a: '1' });
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob })), 'InvalidCiphertextException');
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: '2' } })), 'InvalidCiphertextException');
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: '1', b: '2' } })), 'InvalidCiphertextException');
      const flipped = Buffer.from(CiphertextBlob!);
      flipped[flipped.length - 20] ^= 0x01;
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob: flipped, EncryptionContext: { a: '1' } })), 'InvalidCiphertextException');
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob: CiphertextBlob!.subarray(0, 40), EncryptionContext: { a: '1' } })), 'InvalidCiphertextException');
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('random bytes that are no blob at all, really') })), 'InvalidCiphertextException');
    });

    it('Decrypt with a KeyId checks that the blob belongs to that key', async () => {
      const other = await newKey(kms);
      const { CiphertextBlob } = await encrypt('mine');
      const ok = await kms.send(new DecryptCommand({ CiphertextBlob, KeyId: key.Arn }));
      assert.equal(Buffer.from(ok.Plaintext!).toString(), 'mine');
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob, KeyId: other.KeyId })), 'IncorrectKeyException', INCORRECT_KEY);
      const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob, KeyId: missing })), 'NotFoundException');
    });

    it('refuses disabled keys and keys pending deletion for every cryptographic operation', async () => {
      const victim = await newKey(kms);
      const { CiphertextBlob } = await encrypt('before', undefined, victim.KeyId);
      await kms.send(new DisableKeyCommand({ KeyId: victim.KeyId }));
      const disabled = `${victim.Arn} is disabled.`;
      await expectError(encrypt('x', undefined, victim.KeyId), 'DisabledException', disabled);
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob })), 'DisabledException', disabled);
      await expectError(kms.send(new GenerateDataKeyCommand({ KeyId: victim.KeyId, KeySpec: 'AES_256' })), 'DisabledException', disabled);
      await expectError(kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: key.KeyId })), 'DisabledException', disabled);
      await kms.send(new EnableKeyCommand({ KeyId: victim.KeyId }));
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: victim.KeyId, PendingWindowInDays: 7 }));
      const pending = `${victim.Arn} is pending deletion.`;
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob })), 'KMSInvalidStateException', pending);
      await expectError(kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: victim.KeyId, NumberOfBytes: 32 })), 'KMSInvalidStateException', pending);
    });

    it('ReEncrypt moves a ciphertext to another key and context without exposing it', async () => {
      const destination = await newKey(kms);
      const { CiphertextBlob } = await encrypt('moving', { from: 'a' });
      const moved = await kms.send(new ReEncryptCommand({
        CiphertextBlob, SourceEncryptionContext: { from: 'a' }, DestinationKeyId: destination.KeyId, DestinationEncryptionContext: { to: 'b' },
      }));
      assert.equal(moved.SourceKeyId, key.Arn);
      assert.equal(moved.KeyId, destination.Arn);
      assert.equal(moved.SourceEncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      assert.equal(moved.DestinationEncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      assert.equal(moved.DestinationKeyMaterialId, destination.CurrentKeyMaterialId);
      const out = await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob, EncryptionContext: { to: 'b' } }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'moving');
      assert.equal(out.KeyId, destination.Arn);
      await expectError(kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: destination.KeyId })), 'InvalidCiphertextException');
      await expectError(kms.send(new ReEncryptCommand({ CiphertextBlob, SourceKeyId: destination.KeyId, SourceEncryptionContext: { from: 'a' }, DestinationKeyId: destination.KeyId })), 'IncorrectKeyException', INCORRECT_KEY);
    });

    it('GenerateDataKey returns a data key and its ciphertext; the ciphertext decrypts to it', async () => {
      const generated = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', EncryptionContext: { file: 'x' } }));
      assert.equal(generated.Plaintext!.length, 32);
      assert.equal(generated.KeyId, key.Arn);
      assert.equal(generated.KeyMaterialId, key.CurrentKeyMaterialId);
      const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: generated.CiphertextBlob, EncryptionContext: { file: 'x' } }));
      assert.deepEqual(Buffer.from(decrypted.Plaintext!), Buffer.from(generated.Plaintext!));
      assert.equal((await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_128' }))).Plaintext!.length, 16);
      assert.equal((await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 1024 }))).Plaintext!.length, 1024);
    });

    it('GenerateDataKeyWithoutPlaintext returns only the ciphertext', async () => {
      const generated = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, NumberOfBytes: 24 }));
      assert.equal('Plaintext' in generated, false);
      assert.equal(generated.KeyId, key.Arn);
      const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: generated.CiphertextBlob }));
      assert.equal(decrypted.Plaintext!.length, 24);
    });

    it('GenerateDataKey* need exactly one of KeySpec and NumberOfBytes (1–1024)', async () => {
      for (const Command of [GenerateDataKeyCommand, GenerateDataKeyWithoutPlaintextCommand]) {
        await expectError(kms.send(new Command({ KeyId: key.KeyId })), 'ValidationException', 'Please specify either number of bytes or key spec.');
        await expectError(kms.send(new Command({ KeyId: key.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 })), 'ValidationException', 'Please specify either number of bytes or key spec.');
        await expectError(kms.send(new Command({ KeyId: key.KeyId, NumberOfBytes: 1025 })), 'ValidationException',
          "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
      }
    });

    it('GenerateRandom returns 1–1024 random bytes', async () => {
      const a = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
      const b = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
      assert.equal(a.Plaintext!.length, 32);
      assert.notDeepEqual(Buffer.from(a.Plaintext!), Buffer.from(b.Plaintext!));
      assert.equal((await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1024 }))).Plaintext!.length, 1024);
      await expectError(kms.send(new GenerateRandomCommand({})), 'ValidationException', 'NumberOfBytes is required.');
      await expectError(kms.send(new GenerateRandomCommand({ NumberOfBytes: 0 })), 'ValidationException',
        "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1");
    });

    it('DryRun checks everything and then answers DryRunOperationException', async () => {
      const { CiphertextBlob } = await encrypt('dry');
      await expectError(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x'), DryRun: true })), 'DryRunOperationException', DRY_RUN);
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob, DryRun: true })), 'DryRunOperationException', DRY_RUN);
      await expectError(kms.send(new DecryptCommand({ KeyId: key.KeyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] })), 'DryRunOperationException', DRY_RUN);
      await expectError(kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: key.KeyId, DryRun: true })), 'DryRunOperationException', DRY_RUN);
      await expectError(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', DryRun: true })), 'DryRunOperationException', DRY_RUN);
      await expectError(kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', DryRun: true })), 'DryRunOperationException', DRY_RUN);
      const disabled = await newKey(kms);
      await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
      await expectError(kms.send(new EncryptCommand({ KeyId: disabled.KeyId, Plaintext: Buffer.from('x'), DryRun: true })), 'DisabledException');
    });

    it('refuses encryption algorithms the key does not support', async () => {
      await expectError(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })), 'InvalidKeyUsageException',
        'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.');
    });
  });
}
