/**
 * ECDSA over a caller-supplied digest (KMS's MessageType DIGEST). node:crypto
 * only signs and verifies messages it hashes itself, so digests go through
 * @noble/curves (audited, constant-time scalar multiplication, hedged RFC 6979
 * nonces); messages keep going through OpenSSL. Signatures are DER-encoded
 * ECDSA-Sig-Value, as KMS returns them, and high-S signatures are accepted, as
 * OpenSSL accepts them.
 */
import type * as nodeCrypto from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist';
import { secp256k1 } from '@noble/curves/secp256k1';
import type { EcCurve } from './asymmetric.ts';

const CURVES: Record<EcCurve, typeof p256> = { prime256v1: p256, secp384r1: p384, secp521r1: p521, secp256k1 };

function jwkBytes(value: string | undefined): Buffer {
  if (value === undefined) throw new Error('EC key without coordinates');
  return Buffer.from(value, 'base64url');
}

/** Signs `digest` with an EC private key; DER ECDSA-Sig-Value. */
export function ecdsaSignDigest(key: nodeCrypto.KeyObject, curve: EcCurve, digest: Uint8Array): Buffer {
  const secret = jwkBytes(key.export({ format: 'jwk' }).d);
  try {
    const signature = CURVES[curve].sign(digest, secret, { prehash: false, lowS: false, extraEntropy: true });
    return Buffer.from(signature.toBytes('der'));
  } finally {
    secret.fill(0);
  }
}

/** Whether `signature` (DER) is a valid ECDSA signature of `digest` under an EC public key. Malformed signatures are invalid. */
export function ecdsaVerifyDigest(key: nodeCrypto.KeyObject, curve: EcCurve, digest: Uint8Array, signature: Uint8Array): boolean {
  const jwk = key.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([0x04]), jwkBytes(jwk.x), jwkBytes(jwk.y)]);
  try {
    return CURVES[curve].verify(signature, digest, point, { prehash: false, lowS: false, format: 'der' });
  } catch {
    return false;
  }
}
