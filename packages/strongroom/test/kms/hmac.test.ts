/**
 * GenerateMac and VerifyMac on HMAC keys through the AWS SDK v3. KMS never
 * reveals HMAC key material, so the checks are what can be observed from
 * outside: the MAC length of each algorithm, determinism, VerifyMac
 * accepting KMS's MAC and rejecting any change to MAC, message or key, and
 * AWS's errors for wrong use.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateAliasCommand,
  DisableKeyCommand,
  GenerateMacCommand,
  ScheduleKeyDeletionCommand,
  VerifyMacCommand,
  type KMSClient,
  type KeyMetadata,
  type MacAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey, uniqueAlias } from './kms-test-client.ts';

const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';

const SPECS = [
  { keySpec: 'HMAC_224', algorithm: 'HMAC_SHA_224', macBytes: 28 },
  { keySpec: 'HMAC_256', algorithm: 'HMAC_SHA_256', macBytes: 32 },
  { keySpec: 'HMAC_384', algorithm: 'HMAC_SHA_384', macBytes: 48 },
  { keySpec: 'HMAC_512', algorithm: 'HMAC_SHA_512', macBytes: 64 },
] as const;

for (const engine of testStoreEngines()) {
  describe(`KMS GenerateMac and VerifyMac [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    const keys = new Map<string, KeyMetadata>();
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
      for (const { keySpec } of SPECS) keys.set(keySpec, await newKey(kms, { KeySpec: keySpec, KeyUsage: 'GENERATE_VERIFY_MAC' }));
    });
    after(() => server?.stop());

    const generate = (keyId: string, algorithm: MacAlgorithmSpec, message: Uint8Array) =>
      kms.send(new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: algorithm, Message: message }));
    const verifyMac = (keyId: string, algorithm: MacAlgorithmSpec, message: Uint8Array, mac: Uint8Array) =>
      kms.send(new VerifyMacCommand({ KeyId: keyId, MacAlgorithm: algorithm, Message: message, Mac: mac }));

    for (const { keySpec, algorithm, macBytes } of SPECS) {
      it(`${keySpec}: ${macBytes}-byte ${algorithm} MACs that VerifyMac accepts, and nothing else`, async () => {
        const key = keys.get(keySpec)!;
        const message = Buffer.from(`message for ${keySpec}`);
        const out = await generate(key.KeyId!, algorithm, message);
        assert.equal(out.KeyId, key.Arn);
        assert.equal(out.MacAlgorithm, algorithm);
        const mac = Buffer.from(out.Mac!);
        assert.equal(mac.length, macBytes);
        // HMAC is deterministic: the same key and message give the same MAC; another message another one.
        assert.deepEqual(Buffer.from((await generate(key.Arn!, algorithm, message)).Mac!), mac);
        assert.notDeepEqual(Buffer.from((await generate(key.KeyId!, algorithm, Buffer.from('other'))).Mac!), mac);

        const verified = await verifyMac(key.KeyId!, algorithm, message, mac);
        assert.deepEqual({ KeyId: verified.KeyId, MacValid: verified.MacValid, MacAlgorithm: verified.MacAlgorithm }, { KeyId: key.Arn, MacValid: true, MacAlgorithm: algorithm });

        for (let byte = 0; byte < mac.length; byte += 9) {
          const tampered = Buffer.from(mac);
          tampered[byte] ^= 0x80;
          await expectError(verifyMac(key.KeyId!, algorithm, message, tampered), 'KMSInvalidMacException');
        }
        await expectError(verifyMac(key.KeyId!, algorithm, message, mac.subarray(0, mac.length - 1)), 'KMSInvalidMacException');
        await expectError(verifyMac(key.KeyId!, algorithm, Buffer.from(`message for ${keySpec}!`), mac), 'KMSInvalidMacException');
        // Another key of the same spec has other material.
        const other = await newKey(kms, { KeySpec: keySpec, KeyUsage: 'GENERATE_VERIFY_MAC' });
        await expectError(verifyMac(other.KeyId!, algorithm, message, mac), 'KMSInvalidMacException');
      });
    }

    it('messages of 1 and 4096 bytes are accepted; empty and 4097-byte messages are not', async () => {
      const key = keys.get('HMAC_256')!;
      for (const size of [1, 4096]) {
        const message = randomBytes(size);
        const { Mac } = await generate(key.KeyId!, 'HMAC_SHA_256', message);
        assert.equal((await verifyMac(key.KeyId!, 'HMAC_SHA_256', message, Mac!)).MacValid, true);
      }
      await expectError(generate(key.KeyId!, 'HMAC_SHA_256', Buffer.alloc(4097)), 'ValidationException', /'message' failed to satisfy constraint: Member must have length less than or equal to 4096/);
      await expectError(generate(key.KeyId!, 'HMAC_SHA_256', Buffer.alloc(0)), 'ValidationException');
    });

    it('an alias names the HMAC key', async () => {
      const key = keys.get('HMAC_384')!;
      const alias = uniqueAlias('hmac');
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
      const { Mac, KeyId } = await generate(alias, 'HMAC_SHA_384', Buffer.from('via alias'));
      assert.equal(KeyId, key.Arn);
      assert.equal((await verifyMac(key.KeyId!, 'HMAC_SHA_384', Buffer.from('via alias'), Mac!)).MacValid, true);
    });

    it("refuses an algorithm the key spec does not allow, as AWS words it", async () => {
      const key = keys.get('HMAC_224')!;
      await expectError(generate(key.KeyId!, 'HMAC_SHA_256', Buffer.from('x')), 'InvalidKeyUsageException', 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.');
      const { Mac } = await generate(key.KeyId!, 'HMAC_SHA_224', Buffer.from('x'));
      await expectError(verifyMac(key.KeyId!, 'HMAC_SHA_512', Buffer.from('x'), Mac!), 'InvalidKeyUsageException', 'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_224.');
      await expectError(generate(key.KeyId!, 'INVALID' as MacAlgorithmSpec, Buffer.from('x')), 'ValidationException', /Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint/);
    });

    it('refuses keys of other usages with InvalidKeyUsageException', async () => {
      const symmetric = await newKey(kms);
      await expectError(generate(symmetric.KeyId!, 'HMAC_SHA_256', Buffer.from('x')), 'InvalidKeyUsageException', `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`);
      const signing = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await expectError(
        verifyMac(signing.KeyId!, 'HMAC_SHA_256', Buffer.from('x'), Buffer.alloc(32)),
        'InvalidKeyUsageException',
        `${signing.Arn} key usage is SIGN_VERIFY which is not valid for VerifyMac.`,
      );
    });

    it('refuses disabled keys and keys pending deletion', async () => {
      const key = await newKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      const { Mac } = await generate(key.KeyId!, 'HMAC_SHA_256', Buffer.from('x'));
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await expectError(generate(key.KeyId!, 'HMAC_SHA_256', Buffer.from('x')), 'DisabledException', `${key.Arn} is disabled.`);
      await expectError(verifyMac(key.KeyId!, 'HMAC_SHA_256', Buffer.from('x'), Mac!), 'DisabledException', `${key.Arn} is disabled.`);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await expectError(generate(key.KeyId!, 'HMAC_SHA_256', Buffer.from('x')), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    it('DryRun checks the key and algorithm, then answers DryRunOperationException', async () => {
      const key = keys.get('HMAC_512')!;
      await expectError(kms.send(new GenerateMacCommand({ KeyId: key.KeyId, MacAlgorithm: 'HMAC_SHA_512', Message: Buffer.from('x'), DryRun: true })), 'DryRunOperationException', DRY_RUN);
      await expectError(
        kms.send(new VerifyMacCommand({ KeyId: key.KeyId, MacAlgorithm: 'HMAC_SHA_512', Message: Buffer.from('x'), Mac: Buffer.alloc(64), DryRun: true })),
        'DryRunOperationException',
        DRY_RUN,
      );
      await expectError(kms.send(new GenerateMacCommand({ KeyId: key.KeyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('x'), DryRun: true })), 'InvalidKeyUsageException');
    });
  });
}
