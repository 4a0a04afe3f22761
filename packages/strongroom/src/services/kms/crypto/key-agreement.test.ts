import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, generateKeyPairSync } from 'node:crypto';
import { parsePrivateKeyDer } from '../../../crypto/asymmetric.ts';
import { deriveSharedSecret } from './key-agreement.ts';

function pair(curve: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return {
    privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicDer: publicKey.export({ format: 'der', type: 'spki' }),
    jwk: privateKey.export({ format: 'jwk' }),
  };
}

describe('ECDH shared secrets', () => {
  for (const [curve, bytes] of [['prime256v1', 32], ['secp384r1', 48], ['secp521r1', 66]] as const) {
    it(`${curve}: both sides derive the raw secret node:crypto's ECDH computes`, () => {
      const ours = pair(curve);
      const peer = pair(curve);
      const secret = deriveSharedSecret(parsePrivateKeyDer(ours.privateDer), peer.publicDer);
      assert.equal(secret.length, bytes);
      // The independent computation: createECDH with the peer's private scalar and our public point.
      const ecdh = createECDH(curve);
      ecdh.setPrivateKey(Buffer.from(peer.jwk.d!, 'base64url'));
      const ourPoint = Buffer.concat([Buffer.of(4), Buffer.from(ours.jwk.x!, 'base64url'), Buffer.from(ours.jwk.y!, 'base64url')]);
      assert.deepEqual(ecdh.computeSecret(ourPoint), secret);
      assert.deepEqual(deriveSharedSecret(parsePrivateKeyDer(peer.privateDer), ours.publicDer), secret);
    });
  }

  const refused = (e: Error) => e.name === 'ValidationException';

  it('refuses a public key on another curve, an RSA key, and bytes that are no SPKI', () => {
    const ours = parsePrivateKeyDer(pair('prime256v1').privateDer);
    assert.throws(() => deriveSharedSecret(ours, pair('secp384r1').publicDer), refused);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'spki' });
    assert.throws(() => deriveSharedSecret(ours, rsa), refused);
    assert.throws(() => deriveSharedSecret(ours, Buffer.from('not a key')), refused);
  });

  it('refuses a point that is not on the curve', () => {
    const ours = parsePrivateKeyDer(pair('prime256v1').privateDer);
    const spki = Buffer.from(pair('prime256v1').publicDer);
    spki[spki.length - 1] ^= 1; // the last byte of y: the point leaves the curve
    assert.throws(() => deriveSharedSecret(ours, spki), refused);
  });
});
