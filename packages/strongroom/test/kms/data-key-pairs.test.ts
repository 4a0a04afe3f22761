/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext through the AWS
 * SDK v3, each pair checked with node:crypto: the private key (PKCS#8) signs,
 * the public key (SPKI) verifies, the private key's public half is the
 * public key, and Decrypt of the encrypted private key returns the PKCS#8.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import {
  CreateAliasCommand,
  DecryptCommand,
  DisableKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  type DataKeyPairSpec,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey, uniqueAlias } from './kms-test-client.ts';

const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';

const SPECS: { spec: DataKeyPairSpec; type: 'rsa' | 'ec'; size: number | string }[] = [
  { spec: 'RSA_2048', type: 'rsa', size: 2048 },
  { spec: 'RSA_3072', type: 'rsa', size: 3072 },
  { spec: 'RSA_4096', type: 'rsa', size: 4096 },
  { spec: 'ECC_NIST_P256', type: 'ec', size: 'prime256v1' },
  { spec: 'ECC_NIST_P384', type: 'ec', size: 'secp384r1' },
  { spec: 'ECC_NIST_P521', type: 'ec', size: 'secp521r1' },
  { spec: 'ECC_SECG_P256K1', type: 'ec', size: 'secp256k1' },
];

/** Parses the pair with node:crypto and checks it is one pair of the expected kind. */
function checkPair(privateDer: Uint8Array, publicDer: Uint8Array, expected: (typeof SPECS)[number]): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey({ key: Buffer.from(privateDer), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey({ key: Buffer.from(publicDer), format: 'der', type: 'spki' });
  assert.equal(privateKey.asymmetricKeyType, expected.type);
  assert.equal(publicKey.asymmetricKeyType, expected.type);
  const details = publicKey.asymmetricKeyDetails;
  assert.equal(expected.type === 'rsa' ? details?.modulusLength : details?.namedCurve, expected.size);
  assert.deepEqual(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }), Buffer.from(publicDer));
  const message = Buffer.from(`signed outside KMS with a ${expected.spec} data key pair`);
  const signature = sign('sha256', message, privateKey);
  assert.ok(verify('sha256', message, publicKey, signature));
  assert.ok(!verify('sha256', Buffer.from('another message'), publicKey, signature));
  return { privateKey, publicKey };
}

for (const engine of testStoreEngines()) {
  describe(`KMS data key pairs [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    let key: KeyMetadata;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
      key = await newKey(kms, { Description: 'wraps data key pairs' });
    });
    after(() => server?.stop());

    const context = { purpose: 'data-key-pair', tenant: 'acme' };

    for (const expected of SPECS) {
      it(`GenerateDataKeyPair ${expected.spec}: a working pair whose encrypted private key decrypts to the PKCS#8`, async () => {
        const out = await kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: expected.spec, EncryptionContext: context }));
        assert.equal(out.KeyId, key.Arn);
        assert.equal(out.KeyPairSpec, expected.spec);
        assert.equal(out.KeyMaterialId, key.CurrentKeyMaterialId);
        checkPair(out.PrivateKeyPlaintext!, out.PublicKey!, expected);
        const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob, EncryptionContext: context }));
        assert.equal(decrypted.KeyId, key.Arn);
        assert.deepEqual(Buffer.from(decrypted.Plaintext!), Buffer.from(out.PrivateKeyPlaintext!));
      });
    }

    for (const expected of [SPECS[0], SPECS[4], SPECS[6]]) {
      it(`GenerateDataKeyPairWithoutPlaintext ${expected.spec}: only the public key in plaintext; Decrypt yields its private key`, async () => {
        const out = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.Arn, KeyPairSpec: expected.spec, EncryptionContext: context }));
        assert.equal(out.KeyId, key.Arn);
        assert.equal(out.KeyPairSpec, expected.spec);
        assert.equal(out.KeyMaterialId, key.CurrentKeyMaterialId);
        assert.ok(!('PrivateKeyPlaintext' in out));
        const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob, EncryptionContext: context }));
        checkPair(decrypted.Plaintext!, out.PublicKey!, expected);
      });
    }

    it('every call returns a fresh pair, and aliases name the wrapping key', async () => {
      const alias = uniqueAlias('pairs');
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
      const a = await kms.send(new GenerateDataKeyPairCommand({ KeyId: alias, KeyPairSpec: 'ECC_NIST_P256' }));
      const b = await kms.send(new GenerateDataKeyPairCommand({ KeyId: alias, KeyPairSpec: 'ECC_NIST_P256' }));
      assert.equal(a.KeyId, key.Arn);
      assert.notDeepEqual(Buffer.from(a.PublicKey!), Buffer.from(b.PublicKey!));
      assert.notDeepEqual(Buffer.from(a.PrivateKeyPlaintext!), Buffer.from(b.PrivateKeyPlaintext!));
    });

    it('the encrypted private key needs the same encryption context', async () => {
      const out = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P384', EncryptionContext: context }));
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob })), 'InvalidCiphertextException');
      await expectError(kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob, EncryptionContext: { ...context, tenant: 'other' } })), 'InvalidCiphertextException');
    });

    it('refuses asymmetric and HMAC wrapping keys with InvalidKeyUsageException', async () => {
      const rsa = await newKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await expectError(
        kms.send(new GenerateDataKeyPairCommand({ KeyId: rsa.KeyId, KeyPairSpec: 'ECC_NIST_P256' })),
        'InvalidKeyUsageException',
        'You cannot generate a data key with an asymmetric CMK',
      );
      const signing = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await expectError(
        kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: signing.KeyId, KeyPairSpec: 'ECC_NIST_P256' })),
        'InvalidKeyUsageException',
        `${signing.Arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPairWithoutPlaintext.`,
      );
      const hmac = await newKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await expectError(
        kms.send(new GenerateDataKeyPairCommand({ KeyId: hmac.KeyId, KeyPairSpec: 'RSA_2048' })),
        'InvalidKeyUsageException',
        `${hmac.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for GenerateDataKeyPair.`,
      );
    });

    it('refuses disabled keys, unknown and unsupported pair specs, and Recipient', async () => {
      const disabled = await newKey(kms);
      await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
      await expectError(kms.send(new GenerateDataKeyPairCommand({ KeyId: disabled.KeyId, KeyPairSpec: 'RSA_2048' })), 'DisabledException', `${disabled.Arn} is disabled.`);
      await expectError(
        kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_1024' as DataKeyPairSpec })),
        'ValidationException',
        /Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set/,
      );
      await expectError(kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'SM2' })), 'UnsupportedOperationException', /SM2/);
      await expectError(
        kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_2048', Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: Buffer.from('doc') } })),
        'UnsupportedOperationException',
        /Recipient/,
      );
    });

    it('DryRun checks the key and then answers DryRunOperationException', async () => {
      await expectError(kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_4096', DryRun: true })), 'DryRunOperationException', DRY_RUN);
      await expectError(kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_4096', DryRun: true })), 'DryRunOperationException', DRY_RUN);
      const signing = await newKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
      await expectError(kms.send(new GenerateDataKeyPairCommand({ KeyId: signing.KeyId, KeyPairSpec: 'RSA_2048', DryRun: true })), 'InvalidKeyUsageException');
    });
  });
}
