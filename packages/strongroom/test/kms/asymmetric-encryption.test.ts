/**
 * Encrypt/Decrypt/ReEncrypt with RSA ENCRYPT_DECRYPT keys through the AWS
 * SDK v3: ciphertext made by node:crypto with the GetPublicKey public key
 * (RSAES-OAEP, SHA-1 or SHA-256) decrypts in Strongroom, with AWS's
 * plaintext limits per key size and algorithm.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import {
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  type EncryptionAlgorithmSpec,
  type KMSClient,
  type KeyMetadata,
  type KeySpec,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

// AWS's Encrypt limits (API reference, Encrypt).
const LIMITS: Record<string, Record<string, number>> = {
  RSA_2048: { RSAES_OAEP_SHA_1: 214, RSAES_OAEP_SHA_256: 190 },
  RSA_3072: { RSAES_OAEP_SHA_1: 342, RSAES_OAEP_SHA_256: 318 },
  RSA_4096: { RSAES_OAEP_SHA_1: 470, RSAES_OAEP_SHA_256: 446 },
};
const ALGORITHMS: EncryptionAlgorithmSpec[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const oaepHash = (algorithm: EncryptionAlgorithmSpec) => (algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256');

for (const engine of testStoreEngines()) {
  describe(`KMS RSA encryption [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    const keys = new Map<string, { metadata: KeyMetadata; publicKey: nodeCrypto.KeyObject }>();
    let symmetric: KeyMetadata;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
      symmetric = await newKey(kms);
      for (const spec of Object.keys(LIMITS)) {
        const metadata = await newKey(kms, { KeySpec: spec as KeySpec, KeyUsage: 'ENCRYPT_DECRYPT' });
        const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: metadata.KeyId }));
        keys.set(spec, { metadata, publicKey: nodeCrypto.createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' }) });
      }
    });
    after(() => server?.stop());

    for (const spec of Object.keys(LIMITS)) {
      for (const algorithm of ALGORITHMS) {
        it(`${spec} ${algorithm}: node:crypto ciphertext decrypts, KMS ciphertext round-trips, limit ${LIMITS[spec]![algorithm]} bytes`, async () => {
          const { metadata, publicKey } = keys.get(spec)!;
          const limit = LIMITS[spec]![algorithm]!;
          const plaintext = nodeCrypto.randomBytes(limit);
          const local = nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(algorithm) }, plaintext);
          const decrypted = await kms.send(new DecryptCommand({ KeyId: metadata.KeyId, CiphertextBlob: local, EncryptionAlgorithm: algorithm }));
          assert.deepEqual(Buffer.from(decrypted.Plaintext!), plaintext);
          assert.equal(decrypted.KeyId, metadata.Arn);
          assert.equal(decrypted.EncryptionAlgorithm, algorithm);

          const encrypted = await kms.send(new EncryptCommand({ KeyId: metadata.KeyId, Plaintext: plaintext, EncryptionAlgorithm: algorithm }));
          assert.equal(encrypted.KeyId, metadata.Arn);
          assert.equal(encrypted.EncryptionAlgorithm, algorithm);
          assert.equal(encrypted.CiphertextBlob!.length, Number(spec.slice(4)) / 8, 'bare RSA output');
          const roundTrip = await kms.send(new DecryptCommand({ KeyId: metadata.Arn, CiphertextBlob: encrypted.CiphertextBlob, EncryptionAlgorithm: algorithm }));
          assert.deepEqual(Buffer.from(roundTrip.Plaintext!), plaintext);

          await expectError(
            kms.send(new EncryptCommand({ KeyId: metadata.KeyId, Plaintext: nodeCrypto.randomBytes(limit + 1), EncryptionAlgorithm: algorithm })),
            'ValidationException',
            `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
          );
          // The other OAEP hash does not decrypt it.
          const other = algorithm === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
          await expectError(kms.send(new DecryptCommand({ KeyId: metadata.KeyId, CiphertextBlob: local, EncryptionAlgorithm: other })), 'InvalidCiphertextException');
        });
      }
    }

    it('Decrypt of RSA ciphertext needs the KeyId and the algorithm', async () => {
      const { metadata, publicKey } = keys.get('RSA_2048')!;
      const ciphertext = nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('secret'));
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })), 'InvalidCiphertextException');
      await expectError(
        kms.send(new DecryptCommand({ KeyId: metadata.KeyId, CiphertextBlob: ciphertext })),
        'InvalidKeyUsageException',
        'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      );
      // Another RSA key cannot decrypt it.
      const other = keys.get('RSA_3072')!.metadata;
      await expectError(kms.send(new DecryptCommand({ KeyId: other.KeyId, CiphertextBlob: ciphertext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })), 'InvalidCiphertextException');
    });

    it('Encrypt with an RSA key needs an RSA algorithm; a symmetric key refuses RSA algorithms', async () => {
      const { metadata } = keys.get('RSA_2048')!;
      await expectError(
        kms.send(new EncryptCommand({ KeyId: metadata.KeyId, Plaintext: Buffer.from('x') })),
        'InvalidKeyUsageException',
        'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      );
      await expectError(
        kms.send(new EncryptCommand({ KeyId: metadata.KeyId, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' })),
        'InvalidKeyUsageException',
        'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      );
      await expectError(
        kms.send(new EncryptCommand({ KeyId: symmetric.KeyId, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
        'InvalidKeyUsageException',
        'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.',
      );
    });

    it('RSA signing keys do not encrypt', async () => {
      const signing = await newKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
      await expectError(
        kms.send(new EncryptCommand({ KeyId: signing.KeyId, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
        'InvalidKeyUsageException',
        `${signing.Arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
      );
    });

    it('GenerateDataKey refuses asymmetric keys', async () => {
      const { metadata } = keys.get('RSA_2048')!;
      for (const command of [new GenerateDataKeyCommand({ KeyId: metadata.KeyId, KeySpec: 'AES_256' }), new GenerateDataKeyWithoutPlaintextCommand({ KeyId: metadata.KeyId, KeySpec: 'AES_256' })]) {
        await expectError(kms.send(command as GenerateDataKeyCommand), 'InvalidKeyUsageException', 'You cannot generate a data key with an asymmetric CMK');
      }
    });

    it('ReEncrypt moves data between RSA and symmetric keys', async () => {
      const { metadata, publicKey } = keys.get('RSA_2048')!;
      const plaintext = Buffer.from('moving between keys');
      const local = nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, plaintext);
      const toSymmetric = await kms.send(
        new ReEncryptCommand({
          CiphertextBlob: local,
          SourceKeyId: metadata.KeyId,
          SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
          DestinationKeyId: symmetric.KeyId,
          DestinationEncryptionContext: { purpose: 'test' },
        }),
      );
      assert.equal(toSymmetric.SourceKeyId, metadata.Arn);
      assert.equal(toSymmetric.SourceEncryptionAlgorithm, 'RSAES_OAEP_SHA_1');
      assert.equal(toSymmetric.DestinationEncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      assert.equal(toSymmetric.SourceKeyMaterialId, undefined);
      assert.ok(toSymmetric.DestinationKeyMaterialId);
      const opened = await kms.send(new DecryptCommand({ CiphertextBlob: toSymmetric.CiphertextBlob, EncryptionContext: { purpose: 'test' } }));
      assert.deepEqual(Buffer.from(opened.Plaintext!), plaintext);

      const toRsa = await kms.send(
        new ReEncryptCommand({
          CiphertextBlob: toSymmetric.CiphertextBlob,
          SourceEncryptionContext: { purpose: 'test' },
          DestinationKeyId: metadata.KeyId,
          DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        }),
      );
      assert.equal(toRsa.KeyId, metadata.Arn);
      assert.equal(toRsa.DestinationEncryptionAlgorithm, 'RSAES_OAEP_SHA_256');
      assert.equal(toRsa.DestinationKeyMaterialId, undefined);
      const back = await kms.send(new DecryptCommand({ KeyId: metadata.KeyId, CiphertextBlob: toRsa.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
      assert.deepEqual(Buffer.from(back.Plaintext!), plaintext);
    });
  });
}
