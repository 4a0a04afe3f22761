/**
 * Asymmetric and HMAC keys through the AWS SDK v3: CreateKey/DescribeKey
 * metadata with AWS's algorithm lists, GetPublicKey (checked by node:crypto),
 * and what these keys refuse (rotation, GetPublicKey on symmetric keys).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  GetPublicKeyCommand,
  RotateKeyOnDemandCommand,
  type KMSClient,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

const RSA_SIGNING = ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'];
const RSA_ENCRYPTION = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];

interface Expected {
  spec: KeySpec;
  usage: KeyUsageType;
  lists: { EncryptionAlgorithms?: string[]; SigningAlgorithms?: string[]; MacAlgorithms?: string[]; KeyAgreementAlgorithms?: string[] };
  /** What node:crypto sees in the public key (asymmetric specs). */
  publicKey?: { type: 'rsa'; bits: number } | { type: 'ec'; curve: string };
}

// RSA_4096 is left to the signing and encryption suites (its key generation is slow).
const KEYS: Expected[] = [
  { spec: 'RSA_2048', usage: 'ENCRYPT_DECRYPT', lists: { EncryptionAlgorithms: RSA_ENCRYPTION }, publicKey: { type: 'rsa', bits: 2048 } },
  { spec: 'RSA_3072', usage: 'SIGN_VERIFY', lists: { SigningAlgorithms: RSA_SIGNING }, publicKey: { type: 'rsa', bits: 3072 } },
  { spec: 'ECC_NIST_P256', usage: 'SIGN_VERIFY', lists: { SigningAlgorithms: ['ECDSA_SHA_256'] }, publicKey: { type: 'ec', curve: 'prime256v1' } },
  { spec: 'ECC_NIST_P256', usage: 'KEY_AGREEMENT', lists: { KeyAgreementAlgorithms: ['ECDH'] }, publicKey: { type: 'ec', curve: 'prime256v1' } },
  { spec: 'ECC_NIST_P384', usage: 'SIGN_VERIFY', lists: { SigningAlgorithms: ['ECDSA_SHA_384'] }, publicKey: { type: 'ec', curve: 'secp384r1' } },
  { spec: 'ECC_NIST_P384', usage: 'KEY_AGREEMENT', lists: { KeyAgreementAlgorithms: ['ECDH'] }, publicKey: { type: 'ec', curve: 'secp384r1' } },
  { spec: 'ECC_NIST_P521', usage: 'SIGN_VERIFY', lists: { SigningAlgorithms: ['ECDSA_SHA_512'] }, publicKey: { type: 'ec', curve: 'secp521r1' } },
  { spec: 'ECC_NIST_P521', usage: 'KEY_AGREEMENT', lists: { KeyAgreementAlgorithms: ['ECDH'] }, publicKey: { type: 'ec', curve: 'secp521r1' } },
  { spec: 'ECC_SECG_P256K1', usage: 'SIGN_VERIFY', lists: { SigningAlgorithms: ['ECDSA_SHA_256'] }, publicKey: { type: 'ec', curve: 'secp256k1' } },
  { spec: 'HMAC_224', usage: 'GENERATE_VERIFY_MAC', lists: { MacAlgorithms: ['HMAC_SHA_224'] } },
  { spec: 'HMAC_256', usage: 'GENERATE_VERIFY_MAC', lists: { MacAlgorithms: ['HMAC_SHA_256'] } },
  { spec: 'HMAC_384', usage: 'GENERATE_VERIFY_MAC', lists: { MacAlgorithms: ['HMAC_SHA_384'] } },
  { spec: 'HMAC_512', usage: 'GENERATE_VERIFY_MAC', lists: { MacAlgorithms: ['HMAC_SHA_512'] } },
];

const LIST_NAMES = ['EncryptionAlgorithms', 'SigningAlgorithms', 'MacAlgorithms', 'KeyAgreementAlgorithms'] as const;

for (const engine of testStoreEngines()) {
  describe(`KMS asymmetric and HMAC keys [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
    });
    after(() => server?.stop());

    for (const expected of KEYS) {
      it(`${expected.spec} ${expected.usage}: metadata lists AWS's algorithms${expected.publicKey ? ', GetPublicKey returns the public key' : ''}`, async () => {
        const created = await newKey(kms, { KeySpec: expected.spec, KeyUsage: expected.usage, Description: 'asymmetric' });
        const { KeyMetadata: described } = await kms.send(new DescribeKeyCommand({ KeyId: created.KeyId }));
        for (const metadata of [created, described!]) {
          assert.equal(metadata.KeySpec, expected.spec);
          assert.equal(metadata.CustomerMasterKeySpec, expected.spec);
          assert.equal(metadata.KeyUsage, expected.usage);
          assert.equal(metadata.KeyState, 'Enabled');
          assert.equal(metadata.Origin, 'AWS_KMS');
          for (const name of LIST_NAMES) assert.deepEqual(metadata[name], expected.lists[name], name);
          // AWS reports CurrentKeyMaterialId for symmetric encryption keys only.
          assert.equal(metadata.CurrentKeyMaterialId, undefined);
        }

        if (!expected.publicKey) {
          await expectError(kms.send(new GetPublicKeyCommand({ KeyId: created.KeyId })), 'UnsupportedOperationException');
          return;
        }
        const got = await kms.send(new GetPublicKeyCommand({ KeyId: created.Arn }));
        assert.equal(got.KeyId, created.Arn);
        assert.equal(got.KeySpec, expected.spec);
        assert.equal(got.CustomerMasterKeySpec, expected.spec);
        assert.equal(got.KeyUsage, expected.usage);
        for (const name of ['EncryptionAlgorithms', 'SigningAlgorithms', 'KeyAgreementAlgorithms'] as const) assert.deepEqual(got[name], expected.lists[name], name);
        const publicKey = nodeCrypto.createPublicKey({ key: Buffer.from(got.PublicKey!), format: 'der', type: 'spki' });
        assert.equal(publicKey.asymmetricKeyType, expected.publicKey.type);
        if (expected.publicKey.type === 'rsa') assert.equal(publicKey.asymmetricKeyDetails?.modulusLength, expected.publicKey.bits);
        else assert.equal(publicKey.asymmetricKeyDetails?.namedCurve, expected.publicKey.curve);
        // DER SubjectPublicKeyInfo exactly as node:crypto re-encodes it.
        assert.deepEqual(Buffer.from(got.PublicKey!), publicKey.export({ format: 'der', type: 'spki' }));
        // Every call returns the same key: the private key persists with the key.
        const again = await kms.send(new GetPublicKeyCommand({ KeyId: created.KeyId }));
        assert.deepEqual(Buffer.from(again.PublicKey!), Buffer.from(got.PublicKey!));
      });
    }

    it('each key gets its own key pair', async () => {
      const publicKeys = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const key = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
        publicKeys.add(Buffer.from((await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!).toString('hex'));
      }
      assert.equal(publicKeys.size, 3);
    });

    it('GetPublicKey refuses symmetric keys and disabled keys', async () => {
      const symmetric = await newKey(kms);
      await expectError(kms.send(new GetPublicKeyCommand({ KeyId: symmetric.KeyId })), 'UnsupportedOperationException');
      const key = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await expectError(kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId })), 'DisabledException', `${key.Arn} is disabled.`);
    });

    it('asymmetric and HMAC keys do not rotate; their rotation status is false', async () => {
      for (const [spec, usage] of [
        ['RSA_2048', 'ENCRYPT_DECRYPT'],
        ['ECC_NIST_P256', 'SIGN_VERIFY'],
        ['HMAC_256', 'GENERATE_VERIFY_MAC'],
      ] as const) {
        const key = await newKey(kms, { KeySpec: spec, KeyUsage: usage });
        await expectError(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })), 'UnsupportedOperationException');
        await expectError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })), 'UnsupportedOperationException');
        const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
        assert.equal(status.KeyRotationEnabled, false);
      }
    });

    it('refuses key specs Strongroom does not implement, and combinations AWS refuses', async () => {
      for (const [spec, usage] of [
        ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'],
        ['SM2', 'SIGN_VERIFY'],
        ['ML_DSA_65', 'SIGN_VERIFY'],
      ] as const) {
        await expectError(kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage })), 'UnsupportedOperationException');
      }
      await expectError(
        kms.send(new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' })),
        'ValidationException',
        'KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1',
      );
      await expectError(
        kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048' })),
        'ValidationException',
        'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      );
    });
  });
}
