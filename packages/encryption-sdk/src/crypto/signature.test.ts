import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ECDH, randomBytes } from 'node:crypto';
import { compressPublicKey, createMessageSigner, createMessageVerifier, finishSignature, finishVerification, generateSigningKeyPair, maxSignatureLength, verificationKeyFromBase64 } from './signature.ts';
import { suiteById } from '../suites.ts';
import { MalformedMessageError } from '../errors.ts';

describe('ECDSA signatures', () => {
  for (const [id, curveName, pointBytes] of [[0x0214, 'prime256v1', 33], [0x0578, 'secp384r1', 49]] as const) {
    it(`suite 0x${id.toString(16)}: compressed point, import, sign and verify`, async () => {
      const suite = suiteById(id)!;
      const { privateKey, publicKeyBase64 } = await generateSigningKeyPair(suite);
      const compressed = Buffer.from(publicKeyBase64, 'base64');
      assert.equal(compressed.length, pointBytes);
      // Independent check: OpenSSL's own decompression through ECDH.convertKey.
      const uncompressed = ECDH.convertKey(compressed, curveName, undefined, undefined, 'uncompressed') as Buffer;
      const verificationKey = verificationKeyFromBase64(suite, publicKeyBase64);
      const jwk = verificationKey.export({ format: 'jwk' });
      assert.equal(Buffer.from(jwk.x!, 'base64url').toString('hex') + Buffer.from(jwk.y!, 'base64url').toString('hex'), uncompressed.subarray(1).toString('hex'));
      assert.ok(compressPublicKey(verificationKey).equals(compressed));
      const data = randomBytes(1000);
      const signer = createMessageSigner(suite);
      signer.update(data.subarray(0, 10));
      signer.update(data.subarray(10));
      const signature = finishSignature(signer, privateKey);
      assert.ok(signature.length <= maxSignatureLength(suite));
      assert.equal(signature[0], 0x30); // DER SEQUENCE
      assert.ok(finishVerification(createMessageVerifier(suite).update(data), verificationKey, signature));
      data[0] ^= 1;
      assert.equal(finishVerification(createMessageVerifier(suite).update(data), verificationKey, signature), false);
      assert.equal(finishVerification(createMessageVerifier(suite).update(data), verificationKey, Buffer.from('junk')), false);
    });
  }

  it('rejects public keys of the wrong size, prefix, or not on the curve', () => {
    const suite = suiteById(0x0578)!;
    assert.throws(() => verificationKeyFromBase64(suite, Buffer.alloc(33, 2).toString('base64')), MalformedMessageError);
    assert.throws(() => verificationKeyFromBase64(suite, Buffer.concat([Buffer.of(4), randomBytes(48)]).toString('base64')), MalformedMessageError);
    // x = all 0xff is above the field prime: not a point
    assert.throws(() => verificationKeyFromBase64(suite, Buffer.concat([Buffer.of(2), Buffer.alloc(48, 0xff)]).toString('base64')), MalformedMessageError);
  });
});
