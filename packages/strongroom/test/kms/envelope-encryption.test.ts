/**
 * What an envelope-encryption application does: GenerateDataKey, encrypt a
 * file locally with AES-256-GCM under the plaintext data key, keep only the
 * encrypted data key beside the file, forget the plaintext key; later
 * Decrypt the stored data key and decrypt the file with it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { aesGcmDecrypt, aesGcmEncrypt, AES_GCM_IV_BYTES, AES_GCM_TAG_BYTES, randomBytes } from '../../src/crypto/primitives.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

interface EnvelopeFile {
  encryptedDataKey: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

async function encryptFile(kms: KMSClient, keyId: string, source: string, destination: string, context: Record<string, string>): Promise<void> {
  const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }));
  const plaintextKey = Buffer.from(dataKey.Plaintext!);
  const { iv, ciphertext, tag } = aesGcmEncrypt(plaintextKey, await readFile(source), Buffer.from(path.basename(source)));
  plaintextKey.fill(0);
  dataKey.Plaintext!.fill(0);
  const envelope: EnvelopeFile = {
    encryptedDataKey: Buffer.from(dataKey.CiphertextBlob!).toString('base64'),
    iv: iv.toString('base64'),
    tag: tag.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  await writeFile(destination, JSON.stringify(envelope));
}

async function decryptFile(kms: KMSClient, envelopePath: string, name: string, context: Record<string, string>): Promise<Buffer> {
  const envelope = JSON.parse(await readFile(envelopePath, 'utf8')) as EnvelopeFile;
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(envelope.encryptedDataKey, 'base64'), EncryptionContext: context }));
  const plaintext = aesGcmDecrypt(
    Plaintext!,
    { iv: Buffer.from(envelope.iv, 'base64'), tag: Buffer.from(envelope.tag, 'base64'), ciphertext: Buffer.from(envelope.ciphertext, 'base64') },
    Buffer.from(name),
  );
  assert.ok(plaintext, 'the file authenticates under the recovered data key');
  return plaintext;
}

for (const engine of testStoreEngines()) {
  describe(`envelope encryption with GenerateDataKey [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-envelope-'));
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('encrypts a file locally under a data key and decrypts it after Decrypt of the stored data key', async () => {
      const key = await newKey(kms, { Description: 'file encryption' });
      const source = path.join(dir, 'report.csv');
      const original = Buffer.concat([Buffer.from('id,amount\n'), randomBytes(256 * 1024)]);
      await writeFile(source, original);
      const context = { file: 'report.csv', department: 'finance' };

      await encryptFile(kms, key.Arn!, source, path.join(dir, 'report.csv.enc'), context);
      await rm(source);
      const stored = await readFile(path.join(dir, 'report.csv.enc'), 'utf8');
      assert.ok(!stored.includes(original.subarray(10, 40).toString('base64')), 'the file is stored encrypted');
      assert.ok(Buffer.from(JSON.parse(stored).ciphertext, 'base64').length === original.length);
      assert.equal(AES_GCM_IV_BYTES + AES_GCM_TAG_BYTES, 28);

      const recovered = await decryptFile(kms, path.join(dir, 'report.csv.enc'), 'report.csv', context);
      assert.deepEqual(recovered, original);
    });

    it('cannot recover the data key under a different encryption context', async () => {
      const key = await newKey(kms);
      const source = path.join(dir, 'notes.txt');
      await writeFile(source, 'meeting notes');
      await encryptFile(kms, key.KeyId!, source, path.join(dir, 'notes.txt.enc'), { file: 'notes.txt' });
      await expectError(decryptFile(kms, path.join(dir, 'notes.txt.enc'), 'notes.txt', { file: 'other.txt' }), 'InvalidCiphertextException');
    });
  });
}
