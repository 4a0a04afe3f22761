/**
 * ECDSA over a caller-supplied digest (KMS's MessageType DIGEST). node:crypto
 * only signs and verifies messages it hashes itself, so digests go through
 * @noble/curves (audited, constant-time scalar multiplication, hedged RFC 6979
 * nonces); messages keep going through OpenSSL. Signatures are DER-encoded
 * ECDSA-Sig-Value, as KMS returns them, and high-S signatures are accepted, as
 * OpenSSL accepts them.
 */
import type * as nodeCrypto from 'node:crypto';
import type { p256 } from '@noble/curves/nist';
import type { EcCurve } from './asymmetric.ts';

type Curves = Record<EcCurve, typeof p256>;
let curves: Promise<Curves> | undefined;

/** Loaded on the first DIGEST request, not at start: evaluating the curve modules costs tens of milliseconds. */
function loadCurves(): Promise<Curves> {
  curves ??= Promise.all([import('@noble/curves/nist'), import('@noble/curves/secp256k1')]).then(([nist, k1]) => ({
    prime256v1: nist.p256,
    secp384r1: nist.p384,
    secp521r1: nist.p521,
    secp256k1: k1.secp256k1,
  }));
  return curves;
}

function jwkBytes(value: string | undefined): Buffer {
  if (value === undefined) throw new Error('EC key without coordinates');
  return Buffer.from(value, 'base64url');
}

/** Signs `digest` with an EC private key; DER ECDSA-Sig-Value. */
export async function ecdsaSignDigest(key: nodeCrypto.KeyObject, curve: EcCurve, digest: Uint8Array): Promise<Buffer> {
  const CURVES = await loadCurves();
  const secret = jwkBytes(key.export({ format: 'jwk' }).d);
  try {
    const signature = CURVES[curve].sign(digest, secret, { prehash: false, lowS: false, extraEntropy: true });
    return Buffer.from(signature.toBytes('der'));
  } finally {
    secret.fill(0);
  }
}

/** Whether `signature` (DER) is a valid ECDSA signature of `digest` under an EC public key. Malformed signatures are invalid. */
export async function ecdsaVerifyDigest(key: nodeCrypto.KeyObject, curve: EcCurve, digest: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const CURVES = await loadCurves();
  const jwk = key.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([0x04]), jwkBytes(jwk.x), jwkBytes(jwk.y)]);
  try {
    return CURVES[curve].verify(signature, digest, point, { prehash: false, lowS: false, format: 'der' });
  } catch {
    return false;
  }
}
