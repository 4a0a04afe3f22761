/**
 * The KMS keyrings against a real Strongroom server, at the keyring level:
 * which KMS calls they make, what they write into the EDKs, and which EDKs
 * they try. Every data key is checked independently with a direct KMS
 * Decrypt of the EDK ciphertext.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DecryptCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import { KeyringError } from '../../src/errors.ts';
import { KmsDiscoveryKeyring, KmsKeyring, kmsClientSupplier } from '../../src/keyrings/kms/index.ts';
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials } from '../../src/materials.ts';
import { suiteById } from '../../src/suites.ts';
import { createAlias, createKey, kmsClientFor, startStrongroom, type CountingKmsClient, type TestServer } from '../support/strongroom-kms.ts';

const suite0578 = suiteById(0x0578)!;
const suite0114 = suiteById(0x0114)!;
const context = { tenant: 'acme', purpose: 'keyring-test' };

function encryptionMaterials(suite = suite0578, encryptionContext: Record<string, string> = context): EncryptionMaterials {
  return { suite, encryptionContext, encryptedDataKeys: [] };
}

function decryptionMaterials(suite = suite0578, encryptionContext: Record<string, string> = context): DecryptionMaterials {
  return { suite, encryptionContext };
}

const arnOf = (edk: EncryptedDataKey) => new TextDecoder().decode(edk.providerInfo);

describe('KMS keyrings against Strongroom', () => {
  let server: TestServer;
  let kms: CountingKmsClient;
  let west: CountingKmsClient;
  let keyA: string;
  let keyB: string;
  let aliasB: string;
  let westKey: string;

  before(async () => {
    server = await startStrongroom();
    kms = kmsClientFor(server);
    west = kmsClientFor(server, 'us-west-2');
    keyA = (await createKey(kms.client)).Arn!;
    const b = await createKey(kms.client);
    keyB = b.Arn!;
    aliasB = await createAlias(kms.client, b.KeyId!);
    westKey = (await createKey(west.client)).Arn!;
  });
  after(async () => {
    kms?.client.destroy();
    west?.client.destroy();
    await server?.stop();
  });

  async function kmsDecrypt(edk: EncryptedDataKey, encryptionContext = context, client = kms.client) {
    const out = await client.send(new DecryptCommand({ CiphertextBlob: edk.ciphertext, EncryptionContext: encryptionContext }));
    return { keyId: out.KeyId, plaintext: Buffer.from(out.Plaintext!) };
  }

  describe('strict mode', () => {
    it('encrypt: GenerateDataKey on the generator, Encrypt for each other key; provider info = key ARN', async () => {
      kms.reset();
      const keyring = new KmsKeyring({ client: kms.client, generatorKeyId: keyA, keyIds: [aliasB] });
      const materials = await keyring.onEncrypt(encryptionMaterials());
      assert.equal(kms.count('GenerateDataKey'), 1);
      assert.equal(kms.count('Encrypt'), 1);
      assert.equal(materials.plaintextDataKey?.byteLength, 32);
      assert.equal(materials.encryptedDataKeys.length, 2);
      assert.deepEqual(materials.encryptedDataKeys.map((e) => e.providerId), ['aws-kms', 'aws-kms']);
      // The alias is resolved: the EDK names the key ARN KMS answered with.
      assert.deepEqual(materials.encryptedDataKeys.map(arnOf), [keyA, keyB]);
      for (const edk of materials.encryptedDataKeys) {
        const direct = await kmsDecrypt(edk);
        assert.equal(direct.keyId, arnOf(edk));
        assert.deepEqual(direct.plaintext, Buffer.from(materials.plaintextDataKey!));
      }
    });

    it('encrypt: NumberOfBytes follows the suite (16 for 0x0114)', async () => {
      const keyring = new KmsKeyring({ client: kms.client, generatorKeyId: keyA });
      const materials = await keyring.onEncrypt(encryptionMaterials(suite0114));
      assert.equal(materials.plaintextDataKey?.byteLength, 16);
      assert.deepEqual((await kmsDecrypt(materials.encryptedDataKeys[0])).plaintext, Buffer.from(materials.plaintextDataKey!));
    });

    it('encrypt: an existing data key is wrapped by the generator with Encrypt (child of a multi-keyring)', async () => {
      kms.reset();
      const dataKey = Buffer.alloc(32, 7);
      const keyring = new KmsKeyring({ client: kms.client, generatorKeyId: keyA, keyIds: [keyB] });
      const materials = await keyring.onEncrypt({ ...encryptionMaterials(), plaintextDataKey: dataKey });
      assert.equal(kms.count('GenerateDataKey'), 0);
      assert.equal(kms.count('Encrypt'), 2);
      assert.deepEqual(materials.encryptedDataKeys.map(arnOf), [keyA, keyB]);
      for (const edk of materials.encryptedDataKeys) assert.deepEqual((await kmsDecrypt(edk)).plaintext, dataKey);
    });

    it('encrypt without a generator and without a data key fails', async () => {
      const keyring = new KmsKeyring({ client: kms.client, keyIds: [keyA] });
      await assert.rejects(keyring.onEncrypt(encryptionMaterials()), KeyringError);
    });

    it('encrypt with a disabled key fails with the KMS error as cause', async () => {
      const key = (await createKey(kms.client)).Arn!;
      await kms.client.send(new DisableKeyCommand({ KeyId: key }));
      const keyring = new KmsKeyring({ client: kms.client, generatorKeyId: key });
      await assert.rejects(keyring.onEncrypt(encryptionMaterials()), (error: unknown) => {
        assert.ok(error instanceof KeyringError);
        assert.match(error.message, /GenerateDataKey .* failed: DisabledException/);
        return true;
      });
    });

    it('decrypt: only the EDK of a configured key is sent to KMS, with that key as KeyId', async () => {
      const materials = await new KmsKeyring({ client: kms.client, generatorKeyId: keyA, keyIds: [keyB] }).onEncrypt(encryptionMaterials());
      kms.reset();
      const onlyB = new KmsKeyring({ client: kms.client, keyIds: [keyB] });
      const decrypted = await onlyB.onDecrypt(decryptionMaterials(), materials.encryptedDataKeys);
      assert.deepEqual(decrypted.plaintextDataKey, materials.plaintextDataKey);
      assert.equal(kms.count('Decrypt'), 1, 'the EDK of key A was not tried');
    });

    it('decrypt: a keyring of other keys makes no KMS call and leaves the materials unchanged', async () => {
      const materials = await new KmsKeyring({ client: kms.client, generatorKeyId: keyA }).onEncrypt(encryptionMaterials());
      kms.reset();
      const other = new KmsKeyring({ client: kms.client, generatorKeyId: keyB });
      const input = decryptionMaterials();
      assert.equal(await other.onDecrypt(input, materials.encryptedDataKeys), input);
      assert.equal(kms.count('Decrypt'), 0);
    });

    it('decrypt: an alias does not match the stored key ARN (configure key ARNs to decrypt)', async () => {
      const materials = await new KmsKeyring({ client: kms.client, generatorKeyId: aliasB }).onEncrypt(encryptionMaterials());
      const input = decryptionMaterials();
      assert.equal(await new KmsKeyring({ client: kms.client, generatorKeyId: aliasB }).onDecrypt(input, materials.encryptedDataKeys), input);
    });

    it('decrypt: the encryption context reaches KMS — a different one fails with InvalidCiphertextException', async () => {
      const materials = await new KmsKeyring({ client: kms.client, generatorKeyId: keyA }).onEncrypt(encryptionMaterials());
      const keyring = new KmsKeyring({ client: kms.client, generatorKeyId: keyA });
      await assert.rejects(keyring.onDecrypt(decryptionMaterials(suite0578, { tenant: 'other' }), materials.encryptedDataKeys), (error: unknown) => {
        assert.ok(error instanceof KeyringError);
        assert.match(error.message, /InvalidCiphertextException/);
        return true;
      });
    });

    it('decrypt: already decrypted materials are returned as they are', async () => {
      kms.reset();
      const done = { ...decryptionMaterials(), plaintextDataKey: new Uint8Array(32) };
      assert.equal(await new KmsKeyring({ client: kms.client, generatorKeyId: keyA }).onDecrypt(done, []), done);
      assert.equal(kms.count('Decrypt'), 0);
    });

    it('decrypt: an aws-kms EDK whose provider info is not a key ARN fails', async () => {
      const bogus: EncryptedDataKey = { providerId: 'aws-kms', providerInfo: new TextEncoder().encode('alias/not-a-key-arn'), ciphertext: new Uint8Array(8) };
      await assert.rejects(new KmsKeyring({ client: kms.client, generatorKeyId: keyA }).onDecrypt(decryptionMaterials(), [bogus]), KeyringError);
    });

    it('EDKs of other providers are ignored', async () => {
      const raw: EncryptedDataKey = { providerId: 'aws-kms-hierarchy', providerInfo: new TextEncoder().encode(keyA), ciphertext: new Uint8Array(8) };
      const input = decryptionMaterials();
      assert.equal(await new KmsKeyring({ client: kms.client, generatorKeyId: keyA }).onDecrypt(input, [raw]), input);
    });

    it('keys of several regions through a client supplier', async () => {
      const supplier = kmsClientSupplier((region) => (region === 'us-west-2' ? west.client : kms.client));
      const keyring = new KmsKeyring({ clientSupplier: supplier, generatorKeyId: keyA, keyIds: [westKey] });
      const materials = await keyring.onEncrypt(encryptionMaterials());
      assert.deepEqual(materials.encryptedDataKeys.map(arnOf), [keyA, westKey]);
      assert.deepEqual((await kmsDecrypt(materials.encryptedDataKeys[1], context, west.client)).plaintext, Buffer.from(materials.plaintextDataKey!));
      const westOnly = new KmsKeyring({ clientSupplier: supplier, keyIds: [westKey] });
      assert.deepEqual((await westOnly.onDecrypt(decryptionMaterials(), materials.encryptedDataKeys)).plaintextDataKey, materials.plaintextDataKey);
    });

    it('rejects invalid configuration', () => {
      assert.throws(() => new KmsKeyring({ client: kms.client }), /generatorKeyId/);
      assert.throws(() => new KmsKeyring({ client: kms.client, generatorKeyId: 'arn:aws:kms:nope' }), /not a valid AWS KMS key identifier/);
      assert.throws(() => new KmsKeyring({ generatorKeyId: keyA } as never), /KMS client/);
    });
  });

  describe('discovery mode', () => {
    let materials: EncryptionMaterials;
    before(async () => {
      // A message with EDKs of a us-east-1 key and a us-west-2 key.
      const supplier = kmsClientSupplier((region) => (region === 'us-west-2' ? west.client : kms.client));
      materials = await new KmsKeyring({ clientSupplier: supplier, generatorKeyId: keyA, keyIds: [westKey] }).onEncrypt(encryptionMaterials());
    });

    it('decrypts any aws-kms EDK of the client region; skips single-Region keys of other regions', async () => {
      west.reset();
      const westDiscovery = new KmsDiscoveryKeyring({ client: west.client });
      // The first EDK (us-east-1 key) is skipped without a call; the us-west-2 one decrypts.
      const decrypted = await westDiscovery.onDecrypt(decryptionMaterials(), materials.encryptedDataKeys);
      assert.deepEqual(decrypted.plaintextDataKey, materials.plaintextDataKey);
      assert.equal(west.count('Decrypt'), 1);
    });

    it('discovery filter: matching account decrypts, other account or partition skips', async () => {
      const good = new KmsDiscoveryKeyring({ client: kms.client, discoveryFilter: { partition: 'aws', accountIDs: [server.accountId] } });
      assert.deepEqual((await good.onDecrypt(decryptionMaterials(), materials.encryptedDataKeys)).plaintextDataKey, materials.plaintextDataKey);
      kms.reset();
      for (const filter of [
        { partition: 'aws', accountIDs: ['999999999999'] },
        { partition: 'aws-cn', accountIDs: [server.accountId] },
      ]) {
        const input = decryptionMaterials();
        assert.equal(await new KmsDiscoveryKeyring({ client: kms.client, discoveryFilter: filter }).onDecrypt(input, materials.encryptedDataKeys), input);
      }
      assert.equal(kms.count('Decrypt'), 0);
    });

    it('with a client supplier, each EDK goes to its own region', async () => {
      kms.reset();
      west.reset();
      const supplier = kmsClientSupplier((region) => (region === 'us-west-2' ? west.client : kms.client), { regions: ['us-west-2'] });
      const keyring = new KmsDiscoveryKeyring({ clientSupplier: supplier });
      assert.deepEqual((await keyring.onDecrypt(decryptionMaterials(), materials.encryptedDataKeys)).plaintextDataKey, materials.plaintextDataKey);
      assert.equal(kms.count('Decrypt'), 0, 'us-east-1 is not among the allowed regions');
      assert.equal(west.count('Decrypt'), 1);
    });

    it('cannot encrypt', async () => {
      await assert.rejects(new KmsDiscoveryKeyring({ client: kms.client }).onEncrypt(encryptionMaterials()), KeyringError);
    });

    it('rejects an empty discovery filter', () => {
      assert.throws(() => new KmsDiscoveryKeyring({ client: kms.client, discoveryFilter: { partition: 'aws', accountIDs: [] } }), /discovery filter/);
    });
  });
});
