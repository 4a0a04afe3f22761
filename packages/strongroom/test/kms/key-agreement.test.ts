/**
 * DeriveSharedSecret (ECDH) through the AWS SDK v3, checked against
 * node:crypto: a local key pair's ECDH with the KMS key's public key
 * (GetPublicKey) must give the secret KMS derives from the local public key.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import {
  DeriveSharedSecretCommand,
  DisableKeyCommand,
  GetPublicKeyCommand,
  type KMSClient,
  type KeyAgreementAlgorithmSpec,
  type KeySpec,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';

const CURVES: { keySpec: KeySpec; curve: string; secretBytes: number }[] = [
  { keySpec: 'ECC_NIST_P256', curve: 'prime256v1', secretBytes: 32 },
  { keySpec: 'ECC_NIST_P384', curve: 'secp384r1', secretBytes: 48 },
  { keySpec: 'ECC_NIST_P521', curve: 'secp521r1', secretBytes: 66 },
];

function localPair(curve: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return { privateKey, publicKey, publicDer: publicKey.export({ format: 'der', type: 'spki' }) };
}

for (const engine of testStoreEngines()) {
  describe(`KMS DeriveSharedSecret [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
    });
    after(() => server?.stop());

    const derive = (keyId: string, publicKey: Uint8Array) => kms.send(new DeriveSharedSecretCommand({ KeyId: keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: publicKey }));

    for (const { keySpec, curve, secretBytes } of CURVES) {
      it(`${keySpec}: the raw ECDH secret a local ${curve} key pair computes with the KMS public key`, async () => {
        const key = await newKey(kms, { KeySpec: keySpec, KeyUsage: 'KEY_AGREEMENT' });
        const { PublicKey: kmsPublicDer } = await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }));
        const local = localPair(curve);

        const out = await derive(key.KeyId!, local.publicDer);
        assert.equal(out.KeyId, key.Arn);
        assert.equal(out.KeyAgreementAlgorithm, 'ECDH');
        assert.equal(out.KeyOrigin, 'AWS_KMS');
        const secret = Buffer.from(out.SharedSecret!);
        assert.equal(secret.length, secretBytes);

        const kmsPublicKey = createPublicKey({ key: Buffer.from(kmsPublicDer!), format: 'der', type: 'spki' });
        assert.deepEqual(diffieHellman({ privateKey: local.privateKey, publicKey: kmsPublicKey }), secret);
        // A second independent computation, from the raw private scalar and public point (createECDH).
        const ecdh = createECDH(curve);
        ecdh.setPrivateKey(Buffer.from(local.privateKey.export({ format: 'jwk' }).d!, 'base64url'));
        const jwk = kmsPublicKey.export({ format: 'jwk' });
        const point = Buffer.concat([Buffer.of(4), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
        assert.deepEqual(ecdh.computeSecret(point), secret);

        // Another peer, another secret; the same peer again, the same secret.
        assert.notDeepEqual(Buffer.from((await derive(key.KeyId!, localPair(curve).publicDer)).SharedSecret!), secret);
        assert.deepEqual(Buffer.from((await derive(key.Arn!, local.publicDer)).SharedSecret!), secret);
      });
    }

    it('two KMS keys agree on one secret', async () => {
      const alice = await newKey(kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT' });
      const bob = await newKey(kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT' });
      const alicePublic = (await kms.send(new GetPublicKeyCommand({ KeyId: alice.KeyId }))).PublicKey!;
      const bobPublic = (await kms.send(new GetPublicKeyCommand({ KeyId: bob.KeyId }))).PublicKey!;
      const fromAlice = Buffer.from((await derive(alice.KeyId!, bobPublic)).SharedSecret!);
      const fromBob = Buffer.from((await derive(bob.KeyId!, alicePublic)).SharedSecret!);
      assert.deepEqual(fromAlice, fromBob);
    });

    it('refuses a public key on another curve, an RSA key, and bytes that are no public key', async () => {
      const key = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
      await expectError(derive(key.KeyId!, localPair('secp384r1').publicDer), 'ValidationException', /same elliptic curve/);
      await expectError(derive(key.KeyId!, localPair('secp256k1').publicDer), 'ValidationException', /same elliptic curve/);
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'spki' });
      await expectError(derive(key.KeyId!, rsa), 'ValidationException');
      await expectError(derive(key.KeyId!, Buffer.from('not a public key')), 'ValidationException', /SubjectPublicKeyInfo/);
      const offCurve = Buffer.from(localPair('prime256v1').publicDer);
      offCurve[offCurve.length - 1] ^= 1;
      await expectError(derive(key.KeyId!, offCurve), 'ValidationException');
    });

    it('refuses keys that are not KEY_AGREEMENT keys with InvalidKeyUsageException', async () => {
      const signing = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await expectError(
        derive(signing.KeyId!, localPair('prime256v1').publicDer),
        'InvalidKeyUsageException',
        `${signing.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`,
      );
      const symmetric = await newKey(kms);
      await expectError(
        derive(symmetric.KeyId!, localPair('prime256v1').publicDer),
        'InvalidKeyUsageException',
        `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.`,
      );
      await expectError(
        kms.send(new DeriveSharedSecretCommand({ KeyId: symmetric.KeyId, KeyAgreementAlgorithm: 'X25519' as KeyAgreementAlgorithmSpec, PublicKey: Buffer.from('x') })),
        'ValidationException',
        /Value 'X25519' at 'keyAgreementAlgorithm' failed to satisfy constraint/,
      );
    });

    it('refuses disabled keys, Recipient, and answers DryRun after its checks', async () => {
      const key = await newKey(kms, { KeySpec: 'ECC_NIST_P521', KeyUsage: 'KEY_AGREEMENT' });
      const peer = localPair('secp521r1').publicDer;
      await expectError(
        kms.send(new DeriveSharedSecretCommand({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer, DryRun: true })),
        'DryRunOperationException',
        DRY_RUN,
      );
      await expectError(
        kms.send(new DeriveSharedSecretCommand({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: localPair('prime256v1').publicDer, DryRun: true })),
        'ValidationException',
      );
      await expectError(
        kms.send(
          new DeriveSharedSecretCommand({
            KeyId: key.KeyId,
            KeyAgreementAlgorithm: 'ECDH',
            PublicKey: peer,
            Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: Buffer.from('doc') },
          }),
        ),
        'UnsupportedOperationException',
        /Recipient/,
      );
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await expectError(derive(key.KeyId!, peer), 'DisabledException', `${key.Arn} is disabled.`);
    });
  });
}
