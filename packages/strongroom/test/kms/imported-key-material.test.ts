/**
 * Imported key material (Origin EXTERNAL) end to end through the AWS SDK v3
 * and the AWS CLI: the test makes its own 256-bit material, wraps it itself
 * (node:crypto; openssl on the command line for the CLI), imports it, and
 * checks Strongroom's ciphertexts against the material independently.
 * Expiry needs a movable clock and is covered at the model level
 * (src/services/kms/imports/import-ops.test.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as nodeCrypto from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateKeyDescriptionCommand,
  type AlgorithmSpec,
  type KMSClient,
  type WrappingKeySpec,
} from '@aws-sdk/client-kms';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { decryptBlobLocally, wrapForImport, WRAPPING_ALGORITHMS } from '../../src/services/kms/imports/import-test-support.ts';
import { expectError, kmsClient } from './kms-test-client.ts';

const run = promisify(execFile);
const HOUR = 3_600_000;

for (const engine of testStoreEngines()) {
  describe(`KMS imported key material through the SDK [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
    });
    after(() => server?.stop());

    const externalKey = async () => {
      const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', Description: 'imported' }));
      assert.ok(KeyMetadata?.KeyId);
      return KeyMetadata;
    };

    async function importMaterial(keyId: string, material: Buffer, algorithm: AlgorithmSpec = 'RSAES_OAEP_SHA_256', spec: WrappingKeySpec = 'RSA_2048') {
      const parameters = await kms.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: spec }));
      return kms.send(new ImportKeyMaterialCommand({
        KeyId: keyId,
        ImportToken: parameters.ImportToken,
        EncryptedKeyMaterial: wrapForImport(algorithm, parameters.PublicKey!, material),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }));
    }

    it('creates a key with Origin EXTERNAL in PendingImport, without material', async () => {
      const key = await externalKey();
      assert.equal(key.Origin, 'EXTERNAL');
      assert.equal(key.KeyState, 'PendingImport');
      assert.equal(key.Enabled, false);
      assert.equal(key.ExpirationModel, undefined);
      await expectError(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);
      await expectError(kms.send(new EnableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);
      await expectError(kms.send(new DisableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);
      // Management that needs no material works while the key waits for it.
      await kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'awaiting material' }));
      await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'stage', TagValue: 'import' }] }));
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      const described = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
      assert.equal(described.KeyState, 'PendingImport', 'a key without material goes back to PendingImport, not Disabled');
      assert.equal(described.Description, 'awaiting material');
    });

    it('answers GetParametersForImport with a DER SPKI wrapping key of the requested size, valid 24 hours', async () => {
      const key = await externalKey();
      for (const [spec, bits] of [['RSA_2048', 2048], ['RSA_3072', 3072], ['RSA_4096', 4096]] as const) {
        const before = Date.now();
        const parameters = await kms.send(new GetParametersForImportCommand({ KeyId: key.Arn, WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256', WrappingKeySpec: spec }));
        assert.equal(parameters.KeyId, key.Arn);
        const publicKey = nodeCrypto.createPublicKey({ key: Buffer.from(parameters.PublicKey!), format: 'der', type: 'spki' });
        assert.equal(publicKey.asymmetricKeyType, 'rsa');
        assert.equal(publicKey.asymmetricKeyDetails?.modulusLength, bits);
        const validTo = parameters.ParametersValidTo!.getTime();
        assert.ok(validTo >= before + 24 * HOUR - 1000 && validTo <= Date.now() + 24 * HOUR, `ParametersValidTo ${parameters.ParametersValidTo?.toISOString()}`);
        assert.ok(parameters.ImportToken!.length > 0);
      }
      await expectError(kms.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_PKCS1_V1_5', WrappingKeySpec: 'RSA_2048' })), 'ValidationException');
      const generated = await kms.send(new CreateKeyCommand({}));
      await expectError(kms.send(new GetParametersForImportCommand({ KeyId: generated.KeyMetadata!.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })),
        'UnsupportedOperationException', `${generated.KeyMetadata!.Arn} origin is AWS_KMS which is not valid for this operation.`);
    });

    for (const algorithm of WRAPPING_ALGORITHMS) {
      it(`imports material wrapped with ${algorithm}; deleting it stops decryption until the same material is re-imported`, async () => {
        const key = await externalKey();
        const material = nodeCrypto.randomBytes(32);
        const imported = await importMaterial(key.KeyId!, material, algorithm);
        assert.equal(imported.KeyId, key.Arn);
        assert.match(imported.KeyMaterialId ?? '', /^[0-9a-f]{64}$/);
        const described = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
        assert.equal(described.KeyState, 'Enabled');
        assert.equal(described.Enabled, true);
        assert.equal(described.Origin, 'EXTERNAL');
        assert.equal(described.ExpirationModel, 'KEY_MATERIAL_DOES_NOT_EXPIRE');
        assert.equal(described.ValidTo, undefined);
        assert.equal(described.CurrentKeyMaterialId, imported.KeyMaterialId);

        const encrypted = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from(`under ${algorithm}`) }));
        // Independent check: the blob opens with node:crypto and the material we made.
        assert.equal(decryptBlobLocally(material, encrypted.CiphertextBlob!), `under ${algorithm}`);

        const deleted = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
        assert.equal(deleted.KeyMaterialId, imported.KeyMaterialId);
        const pending = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
        assert.equal(pending.KeyState, 'PendingImport');
        assert.equal(pending.Enabled, false);
        assert.equal(pending.ExpirationModel, undefined);
        await expectError(kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);

        // Different material is refused; the same material, under new parameters, restores the key.
        await expectError(importMaterial(key.KeyId!, nodeCrypto.randomBytes(32), algorithm), 'IncorrectKeyMaterialException');
        // Another algorithm this time (and once a 4096-bit wrapping key: the slowest to generate).
        const again = algorithm === 'RSAES_OAEP_SHA_1'
          ? await importMaterial(key.KeyId!, material, 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_4096')
          : await importMaterial(key.KeyId!, material, 'RSAES_OAEP_SHA_1');
        assert.equal(again.KeyMaterialId, imported.KeyMaterialId);
        const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
        assert.equal(Buffer.from(decrypted.Plaintext!).toString(), `under ${algorithm}`);
      });
    }

    it('sets ValidTo with KEY_MATERIAL_EXPIRES and shows it in DescribeKey', async () => {
      const key = await externalKey();
      const parameters = await kms.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
      const material = nodeCrypto.randomBytes(32);
      const input = { KeyId: key.KeyId, ImportToken: parameters.ImportToken, EncryptedKeyMaterial: wrapForImport('RSAES_OAEP_SHA_256', parameters.PublicKey!, material) };
      await expectError(kms.send(new ImportKeyMaterialCommand(input)), 'ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
      const validTo = new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * 24 * HOUR);
      // The same import token serves more than one request while it is valid.
      await kms.send(new ImportKeyMaterialCommand({ ...input, ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo }));
      const described = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
      assert.equal(described.ExpirationModel, 'KEY_MATERIAL_EXPIRES');
      assert.equal(described.ValidTo?.getTime(), validTo.getTime());
    });

    it('refuses tokens of other keys, garbage tokens and material wrapped for another algorithm', async () => {
      const key = await externalKey();
      const other = await externalKey();
      const material = nodeCrypto.randomBytes(32);
      const foreign = await kms.send(new GetParametersForImportCommand({ KeyId: other.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
      const base = { KeyId: key.KeyId, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' as const };
      await expectError(kms.send(new ImportKeyMaterialCommand({ ...base, ImportToken: foreign.ImportToken, EncryptedKeyMaterial: wrapForImport('RSAES_OAEP_SHA_256', foreign.PublicKey!, material) })),
        'InvalidImportTokenException');
      await expectError(kms.send(new ImportKeyMaterialCommand({ ...base, ImportToken: nodeCrypto.randomBytes(64), EncryptedKeyMaterial: Buffer.alloc(256, 1) })), 'InvalidImportTokenException');
      const own = await kms.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
      await expectError(kms.send(new ImportKeyMaterialCommand({ ...base, ImportToken: own.ImportToken, EncryptedKeyMaterial: wrapForImport('RSAES_OAEP_SHA_1', own.PublicKey!, material) })),
        'InvalidCiphertextException');
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.KeyState, 'PendingImport', 'failed imports change nothing');
    });

    it('refuses automatic and on-demand rotation of keys with imported material', async () => {
      const key = await externalKey();
      await importMaterial(key.KeyId!, nodeCrypto.randomBytes(32));
      const refused = `${key.Arn} origin is EXTERNAL which is not valid for this operation.`;
      await expectError(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })), 'UnsupportedOperationException', refused);
      await expectError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })), 'UnsupportedOperationException', refused);
    });
  });

  describe(`KMS imported key material through the AWS CLI and openssl [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-kms-import-'));
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const ok = (...args: string[]) => awsCliJson(server, ['kms', ...args]);
    const file = (name: string) => path.join(dir, name);

    const openssl = (...args: string[]) => run('openssl', args);
    const rsaOaep256 = (input: string, output: string) =>
      openssl('pkeyutl', '-encrypt', '-in', input, '-out', output, '-inkey', file('wrapping-key.der'), '-keyform', 'DER', '-pubin',
        '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256');

    /**
     * get-parameters-for-import, openssl wraps material.bin, import-key-material.
     * RSAES_OAEP_SHA_256: RSA-OAEP (SHA-256, MGF1 SHA-256) of the material.
     * RSA_AES_KEY_WRAP_SHA_256: a random AES-256 key wraps the material
     * (id-aes256-wrap-pad, RFC 5649), RSA-OAEP wraps that key; RSA part first.
     */
    async function importWithOpenssl(keyId: string, algorithm: 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_256'): Promise<void> {
      const parameters = await ok('get-parameters-for-import', '--key-id', keyId, '--wrapping-algorithm', algorithm, '--wrapping-key-spec', 'RSA_2048');
      await writeFile(file('wrapping-key.der'), Buffer.from(parameters.PublicKey, 'base64'));
      await writeFile(file('token.bin'), Buffer.from(parameters.ImportToken, 'base64'));
      if (algorithm === 'RSAES_OAEP_SHA_256') {
        await rsaOaep256(file('material.bin'), file('material.wrapped'));
      } else {
        await openssl('rand', '-out', file('aes-key.bin'), '32');
        const aesKeyHex = (await readFile(file('aes-key.bin'))).toString('hex');
        await openssl('enc', '-id-aes256-wrap-pad', '-K', aesKeyHex, '-iv', 'A65959A6', '-in', file('material.bin'), '-out', file('material.kwp'));
        await rsaOaep256(file('aes-key.bin'), file('aes-key.wrapped'));
        await writeFile(file('material.wrapped'), Buffer.concat([await readFile(file('aes-key.wrapped')), await readFile(file('material.kwp'))]));
      }
      await ok('import-key-material', '--key-id', keyId, '--import-token', `fileb://${file('token.bin')}`,
        '--encrypted-key-material', `fileb://${file('material.wrapped')}`, '--expiration-model', 'KEY_MATERIAL_DOES_NOT_EXPIRE');
    }

    it('imports openssl-wrapped material and round-trips encrypt/decrypt, also after delete and re-import', async () => {
      const material = nodeCrypto.randomBytes(32);
      await writeFile(file('material.bin'), material);
      const { KeyMetadata } = await ok('create-key', '--origin', 'EXTERNAL', '--description', 'cli import');
      assert.equal(KeyMetadata.KeyState, 'PendingImport');
      await importWithOpenssl(KeyMetadata.KeyId, 'RSAES_OAEP_SHA_256');
      const described = await ok('describe-key', '--key-id', KeyMetadata.KeyId);
      assert.equal(described.KeyMetadata.KeyState, 'Enabled');
      assert.equal(described.KeyMetadata.ExpirationModel, 'KEY_MATERIAL_DOES_NOT_EXPIRE');

      await writeFile(file('plain.txt'), 'cli imported plaintext');
      const encrypted = await ok('encrypt', '--key-id', KeyMetadata.KeyId, '--plaintext', `fileb://${file('plain.txt')}`);
      await writeFile(file('cipher.bin'), Buffer.from(encrypted.CiphertextBlob, 'base64'));
      assert.equal(decryptBlobLocally(material, await readFile(file('cipher.bin'))), 'cli imported plaintext');
      const decrypted = await ok('decrypt', '--ciphertext-blob', `fileb://${file('cipher.bin')}`);
      assert.equal(Buffer.from(decrypted.Plaintext, 'base64').toString(), 'cli imported plaintext');

      await ok('delete-imported-key-material', '--key-id', KeyMetadata.KeyId);
      const refused = await runAwsCli(server, ['kms', 'decrypt', '--ciphertext-blob', `fileb://${file('cipher.bin')}`]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /KMSInvalidStateException.*is pending import\./);
      // Re-import under new parameters, wrapped the other way.
      await importWithOpenssl(KeyMetadata.KeyId, 'RSA_AES_KEY_WRAP_SHA_256');
      const again = await ok('decrypt', '--ciphertext-blob', `fileb://${file('cipher.bin')}`);
      assert.equal(Buffer.from(again.Plaintext, 'base64').toString(), 'cli imported plaintext');
    });
  });
}
