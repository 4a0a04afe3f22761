// node:crypto is the independent implementation here: every signature made
// over a digest must verify as a signature of the message, and back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import {
  generatePrivateKeyDer,
  hash,
  parsePrivateKeyDer,
  parsePublicKeyDer,
  publicKeyDer,
  publicKeyFromPrivate,
  rsaOaepDecrypt,
  rsaOaepEncrypt,
  rsaOaepMaxPlaintext,
  signMessage,
  verifySignature,
  type EcCurve,
  type SignatureAlgorithm,
} from './asymmetric.ts';

const message = Buffer.from('The quick brown fox jumps over the lazy dog');

function nodeOptions(key: nodeCrypto.KeyObject, algorithm: SignatureAlgorithm): nodeCrypto.VerifyKeyObjectInput {
  if (algorithm.scheme === 'rsa-pss') return { key, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: hash(algorithm.hash, Buffer.alloc(0)).length };
  if (algorithm.scheme === 'rsa-pkcs1') return { key, padding: nodeCrypto.constants.RSA_PKCS1_PADDING };
  return { key, dsaEncoding: 'der' };
}

async function checkScheme(der: Buffer, algorithm: SignatureAlgorithm): Promise<void> {
  const privateKey = parsePrivateKeyDer(der);
  const publicKey = publicKeyFromPrivate(privateKey);
  const nodePublic = nodeCrypto.createPublicKey({ key: publicKeyDer(publicKey), format: 'der', type: 'spki' });
  const nodePrivate = nodeCrypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const digest = hash(algorithm.hash, message);
  for (const isDigest of [false, true]) {
    const input = isDigest ? digest : message;
    const signature = await signMessage(privateKey, algorithm, input, isDigest);
    assert.ok(nodeCrypto.verify(algorithm.hash, message, nodeOptions(nodePublic, algorithm), signature), `node verifies (digest: ${isDigest})`);
    assert.ok(await verifySignature(publicKey, algorithm, input, isDigest, signature));
    const tampered = Buffer.from(signature);
    tampered[tampered.length - 5]! ^= 0x01;
    assert.equal(await verifySignature(publicKey, algorithm, input, isDigest, tampered), false, 'tampered signature');
    const otherInput = isDigest ? hash(algorithm.hash, Buffer.from('other')) : Buffer.from('other');
    assert.equal(await verifySignature(publicKey, algorithm, otherInput, isDigest, signature), false, 'other message');
    assert.equal(await verifySignature(publicKey, algorithm, input, isDigest, signature.subarray(1)), false, 'truncated signature');
  }
  // Signatures made by node:crypto verify over the digest.
  const nodeSignature = nodeCrypto.sign(algorithm.hash, message, nodeOptions(nodePrivate, algorithm) as nodeCrypto.SignKeyObjectInput);
  assert.ok(await verifySignature(publicKey, algorithm, digest, true, nodeSignature));
  assert.ok(await verifySignature(publicKey, algorithm, message, false, nodeSignature));
}

describe('asymmetric signatures', () => {
  const rsa = generatePrivateKeyDer({ kind: 'rsa', modulusBits: 2048 });

  it('refuses an RSA-PSS signature one byte short even when it is the same integer (leading zero dropped)', async () => {
    const privateKey = parsePrivateKeyDer(rsa);
    const publicKey = publicKeyFromPrivate(privateKey);
    const algorithm: SignatureAlgorithm = { scheme: 'rsa-pss', hash: 'sha256' };
    // PSS is randomised: about one signature in 256 starts with a zero byte.
    let signature = await signMessage(privateKey, algorithm, message, false);
    while (signature[0] !== 0) signature = await signMessage(privateKey, algorithm, message, false);
    assert.ok(await verifySignature(publicKey, algorithm, message, false, signature));
    for (const isDigest of [false, true]) {
      const input = isDigest ? hash('sha256', message) : message;
      assert.equal(await verifySignature(publicKey, algorithm, input, isDigest, signature.subarray(1)), false, `digest: ${isDigest}`);
    }
  });
  for (const scheme of ['rsa-pss', 'rsa-pkcs1'] as const) {
    for (const h of ['sha256', 'sha384', 'sha512'] as const) {
      it(`${scheme} ${h} over messages and digests agrees with node:crypto`, () => checkScheme(rsa, { scheme, hash: h }));
    }
  }

  it('RSA 3072 PSS over a digest agrees with node:crypto', async () => {
    await checkScheme(generatePrivateKeyDer({ kind: 'rsa', modulusBits: 3072 }), { scheme: 'rsa-pss', hash: 'sha512' });
  });

  const curves: Array<[EcCurve, SignatureAlgorithm['hash']]> = [
    ['prime256v1', 'sha256'],
    ['secp384r1', 'sha384'],
    ['secp521r1', 'sha512'],
    ['secp256k1', 'sha256'],
  ];
  for (const [curve, h] of curves) {
    it(`ECDSA on ${curve} with ${h} over messages and digests agrees with node:crypto`, async () => {
      const der = generatePrivateKeyDer({ kind: 'ec', curve });
      for (let i = 0; i < 5; i++) await checkScheme(der, { scheme: 'ecdsa', hash: h });
    });
  }

  it('new keys are PKCS#8 DER whose public half round-trips as SubjectPublicKeyInfo', () => {
    const der = generatePrivateKeyDer({ kind: 'ec', curve: 'prime256v1' });
    const nodeKey = nodeCrypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    assert.equal(nodeKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    const spki = publicKeyDer(publicKeyFromPrivate(parsePrivateKeyDer(der)));
    assert.deepEqual(publicKeyDer(parsePublicKeyDer(spki)), spki);
    assert.deepEqual(spki, nodeCrypto.createPublicKey(nodeKey).export({ format: 'der', type: 'spki' }));
  });
});

describe('RSAES-OAEP', () => {
  const der = generatePrivateKeyDer({ kind: 'rsa', modulusBits: 2048 });
  const privateKey = parsePrivateKeyDer(der);
  const publicKey = publicKeyFromPrivate(privateKey);

  it('decrypts what node:crypto encrypts with the public key, for SHA-1 and SHA-256', () => {
    for (const h of ['sha1', 'sha256'] as const) {
      const plaintext = nodeCrypto.randomBytes(rsaOaepMaxPlaintext(2048, h));
      const ciphertext = nodeCrypto.publicEncrypt(
        { key: nodeCrypto.createPublicKey({ key: publicKeyDer(publicKey), format: 'der', type: 'spki' }), padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: h },
        plaintext,
      );
      assert.deepEqual(rsaOaepDecrypt(privateKey, h, ciphertext), plaintext);
      // The other hash does not decrypt it.
      assert.equal(rsaOaepDecrypt(privateKey, h === 'sha1' ? 'sha256' : 'sha1', ciphertext), null);
      const ours = rsaOaepEncrypt(publicKey, h, plaintext);
      assert.deepEqual(nodeCrypto.privateDecrypt({ key: nodeCrypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: h }, ours), plaintext);
    }
  });

  it('knows AWS limits: k − 2·hLen − 2', () => {
    assert.equal(rsaOaepMaxPlaintext(2048, 'sha1'), 214);
    assert.equal(rsaOaepMaxPlaintext(2048, 'sha256'), 190);
    assert.equal(rsaOaepMaxPlaintext(3072, 'sha1'), 342);
    assert.equal(rsaOaepMaxPlaintext(3072, 'sha256'), 318);
    assert.equal(rsaOaepMaxPlaintext(4096, 'sha1'), 470);
    assert.equal(rsaOaepMaxPlaintext(4096, 'sha256'), 446);
  });
});
