/**
 * Sign and Verify through the AWS SDK v3 for every signing key spec and
 * algorithm, RAW and DIGEST, each signature checked by node:crypto with the
 * public key from GetPublicKey (the independent implementation).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import {
  DisableKeyCommand,
  GetPublicKeyCommand,
  SignCommand,
  VerifyCommand,
  type KMSClient,
  type KeySpec,
  type MessageType,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

const SIGNING_SPECS: Array<{ spec: KeySpec; algorithms: SigningAlgorithmSpec[]; curve?: string }> = [
  { spec: 'RSA_2048', algorithms: rsaAlgorithms() },
  { spec: 'RSA_3072', algorithms: rsaAlgorithms() },
  { spec: 'RSA_4096', algorithms: rsaAlgorithms() },
  { spec: 'ECC_NIST_P256', algorithms: ['ECDSA_SHA_256'], curve: 'prime256v1' },
  { spec: 'ECC_NIST_P384', algorithms: ['ECDSA_SHA_384'], curve: 'secp384r1' },
  { spec: 'ECC_NIST_P521', algorithms: ['ECDSA_SHA_512'], curve: 'secp521r1' },
  { spec: 'ECC_SECG_P256K1', algorithms: ['ECDSA_SHA_256'], curve: 'secp256k1' },
];

function rsaAlgorithms(): SigningAlgorithmSpec[] {
  return ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'];
}

function hashOf(algorithm: SigningAlgorithmSpec): string {
  return `sha${algorithm.slice(-3)}`;
}

/** How node:crypto verifies a KMS signature of `algorithm` (PSS salt = digest length, ECDSA signatures DER). */
function nodeVerifyOptions(publicKey: nodeCrypto.KeyObject, algorithm: SigningAlgorithmSpec): nodeCrypto.VerifyKeyObjectInput {
  if (algorithm.startsWith('RSASSA_PSS')) return { key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: nodeCrypto.createHash(hashOf(algorithm)).digest().length };
  if (algorithm.startsWith('RSASSA_PKCS1')) return { key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_PADDING };
  return { key: publicKey, dsaEncoding: 'der' };
}

for (const engine of testStoreEngines()) {
  describe(`KMS Sign and Verify [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    const keys = new Map<KeySpec, { keyId: string; arn: string; publicKey: nodeCrypto.KeyObject }>();
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
      for (const { spec } of SIGNING_SPECS) {
        const metadata = await newKey(kms, { KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
        const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: metadata.KeyId }));
        assert.ok(PublicKey);
        keys.set(spec, { keyId: metadata.KeyId!, arn: metadata.Arn!, publicKey: nodeCrypto.createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' }) });
      }
    });
    after(() => server?.stop());

    for (const { spec, algorithms, curve } of SIGNING_SPECS) {
      it(`${spec}: the public key is a ${curve ?? 'RSA'} SubjectPublicKeyInfo`, () => {
        const { publicKey } = keys.get(spec)!;
        if (curve) {
          assert.equal(publicKey.asymmetricKeyType, 'ec');
          assert.equal(publicKey.asymmetricKeyDetails?.namedCurve, curve);
        } else {
          assert.equal(publicKey.asymmetricKeyType, 'rsa');
          assert.equal(publicKey.asymmetricKeyDetails?.modulusLength, Number(spec.slice(4)));
          assert.equal(publicKey.asymmetricKeyDetails?.publicExponent, 65537n);
        }
      });

      for (const algorithm of algorithms) {
        for (const messageType of ['RAW', 'DIGEST'] as MessageType[]) {
          it(`${spec} ${algorithm} ${messageType}: node:crypto verifies the signature, Verify accepts it and refuses a tampered one`, async () => {
            const { keyId, arn, publicKey } = keys.get(spec)!;
            const message = nodeCrypto.randomBytes(300);
            const digest = nodeCrypto.createHash(hashOf(algorithm)).update(message).digest();
            const input = messageType === 'RAW' ? message : digest;
            const signed = await kms.send(new SignCommand({ KeyId: keyId, Message: input, MessageType: messageType, SigningAlgorithm: algorithm }));
            assert.equal(signed.KeyId, arn);
            assert.equal(signed.SigningAlgorithm, algorithm);
            const signature = Buffer.from(signed.Signature!);
            if (!curve) assert.equal(signature.length, Number(spec.slice(4)) / 8);
            else assert.equal(signature[0], 0x30, 'DER SEQUENCE');
            assert.ok(nodeCrypto.verify(hashOf(algorithm), message, nodeVerifyOptions(publicKey, algorithm), signature), 'node:crypto verifies');

            // The message type need not match the one used for signing.
            for (const [verifyType, verifyInput] of [['RAW', message], ['DIGEST', digest]] as const) {
              const verified = await kms.send(new VerifyCommand({ KeyId: keyId, Message: verifyInput, MessageType: verifyType, Signature: signature, SigningAlgorithm: algorithm }));
              assert.deepEqual({ KeyId: verified.KeyId, SignatureValid: verified.SignatureValid, SigningAlgorithm: verified.SigningAlgorithm }, { KeyId: arn, SignatureValid: true, SigningAlgorithm: algorithm });
            }
            const tampered = Buffer.from(signature);
            tampered[tampered.length - 3]! ^= 0x40;
            await expectError(kms.send(new VerifyCommand({ KeyId: keyId, Message: input, MessageType: messageType, Signature: tampered, SigningAlgorithm: algorithm })), 'KMSInvalidSignatureException');
            const otherMessage = Buffer.concat([message, Buffer.from('!')]);
            await expectError(kms.send(new VerifyCommand({ KeyId: keyId, Message: otherMessage, Signature: signature, SigningAlgorithm: algorithm })), 'KMSInvalidSignatureException');
          });
        }
      }
    }

    it('Verify refuses a signature made by another key', async () => {
      const other = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      const message = Buffer.from('signed by the other key');
      const { Signature } = await kms.send(new SignCommand({ KeyId: other.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
      await expectError(
        kms.send(new VerifyCommand({ KeyId: keys.get('ECC_NIST_P256')!.keyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' })),
        'KMSInvalidSignatureException',
      );
    });

    it('ECDSA signatures are randomized; RSASSA-PKCS1-v1_5 signatures are deterministic', async () => {
      const sign = async (spec: KeySpec, algorithm: SigningAlgorithmSpec) =>
        Buffer.from((await kms.send(new SignCommand({ KeyId: keys.get(spec)!.keyId, Message: Buffer.from('same'), SigningAlgorithm: algorithm }))).Signature!).toString('hex');
      assert.notEqual(await sign('ECC_NIST_P256', 'ECDSA_SHA_256'), await sign('ECC_NIST_P256', 'ECDSA_SHA_256'));
      assert.equal(await sign('RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'), await sign('RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'));
    });

    it('refuses a digest whose length is not the algorithm\'s, on Sign and Verify', async () => {
      const { keyId } = keys.get('RSA_2048')!;
      await expectError(
        kms.send(new SignCommand({ KeyId: keyId, Message: Buffer.alloc(20), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
        'ValidationException',
        'Digest is invalid length for algorithm RSASSA_PSS_SHA_256.',
      );
      await expectError(
        kms.send(new VerifyCommand({ KeyId: keys.get('ECC_NIST_P384')!.keyId, Message: Buffer.alloc(32), MessageType: 'DIGEST', Signature: Buffer.alloc(64), SigningAlgorithm: 'ECDSA_SHA_384' })),
        'ValidationException',
        'Digest is invalid length for algorithm ECDSA_SHA_384.',
      );
    });

    it('refuses messages over 4096 bytes', async () => {
      const error = await expectError(
        kms.send(new SignCommand({ KeyId: keys.get('ECC_NIST_P256')!.keyId, Message: Buffer.alloc(4097), SigningAlgorithm: 'ECDSA_SHA_256' })),
        'ValidationException',
      );
      assert.match(error.message, /message.*4096/);
      await kms.send(new SignCommand({ KeyId: keys.get('ECC_NIST_P256')!.keyId, Message: Buffer.alloc(4096), SigningAlgorithm: 'ECDSA_SHA_256' }));
    });

    it('refuses algorithms the key spec does not support', async () => {
      const { keyId } = keys.get('ECC_NIST_P256')!;
      await expectError(
        kms.send(new SignCommand({ KeyId: keyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_384' })),
        'InvalidKeyUsageException',
        'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
      );
      await expectError(
        kms.send(new VerifyCommand({ KeyId: keys.get('RSA_2048')!.keyId, Message: Buffer.from('m'), Signature: Buffer.alloc(256), SigningAlgorithm: 'ECDSA_SHA_256' })),
        'InvalidKeyUsageException',
        'Algorithm ECDSA_SHA_256 is incompatible with key spec RSA_2048.',
      );
    });

    it('refuses keys whose usage is not SIGN_VERIFY, naming the operation', async () => {
      const symmetric = await newKey(kms);
      const rsaEncryption = await newKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      const hmac = await newKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      for (const key of [symmetric, rsaEncryption, hmac]) {
        await expectError(
          kms.send(new SignCommand({ KeyId: key.KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
          'InvalidKeyUsageException',
          `${key.Arn} key usage is ${key.KeyUsage} which is not valid for Sign.`,
        );
        await expectError(
          kms.send(new VerifyCommand({ KeyId: key.KeyId, Message: Buffer.from('m'), Signature: Buffer.alloc(256), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
          'InvalidKeyUsageException',
          `${key.Arn} key usage is ${key.KeyUsage} which is not valid for Verify.`,
        );
      }
    });

    it('checks the key state first, and DryRun signs nothing', async () => {
      const key = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await expectError(
        kms.send(new SignCommand({ KeyId: key.KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })),
        'DryRunOperationException',
      );
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await expectError(
        kms.send(new SignCommand({ KeyId: key.KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_384' })),
        'DisabledException',
        `${key.Arn} is disabled.`,
      );
    });
  });
}
