/**
 * Unwrapping imported key material, per AWS's wrapping algorithms:
 *   RSAES_OAEP_SHA_1 / _SHA_256   the material, RSA-OAEP encrypted (MGF1 with the same hash)
 *   RSA_AES_KEY_WRAP_SHA_1 / _256 an ephemeral AES-256 key, RSA-OAEP encrypted, followed
 *                                 by the material wrapped under it with AES Key Wrap with
 *                                 Padding (RFC 5649) — PKCS #11's CKM_RSA_AES_KEY_WRAP
 * RSAES_PKCS1_V1_5 is no longer accepted by AWS (since October 2023); SM2PKE
 * exists only in AWS's China regions.
 */
import type { AlgorithmSpec, WrappingKeySpec } from '../../../protocol/spec/generated/kms.types.ts';
import { AES_256_KEY_BYTES, aes256KeyUnwrapWithPadding, rsaModulusBytes, rsaOaepDecrypt } from '../../../crypto/primitives.ts';

export type SupportedWrappingAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256';
export type SupportedWrappingKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';

const OAEP_HASH: Record<SupportedWrappingAlgorithm, 'sha1' | 'sha256'> = {
  RSAES_OAEP_SHA_1: 'sha1',
  RSAES_OAEP_SHA_256: 'sha256',
  RSA_AES_KEY_WRAP_SHA_1: 'sha1',
  RSA_AES_KEY_WRAP_SHA_256: 'sha256',
};

export const WRAPPING_KEY_BITS: Record<SupportedWrappingKeySpec, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

export function isSupportedWrappingAlgorithm(algorithm: AlgorithmSpec): algorithm is SupportedWrappingAlgorithm {
  return algorithm in OAEP_HASH;
}

export function isSupportedWrappingKeySpec(spec: WrappingKeySpec): spec is SupportedWrappingKeySpec {
  return spec in WRAPPING_KEY_BITS;
}

/** Why unwrapping failed: the size does not fit the algorithm, or the bytes do not decrypt. */
export type UnwrapResult = { ok: true; material: Buffer } | { ok: false; reason: 'size' | 'decrypt' };

/** The plaintext key material inside `encrypted`, wrapped for `privateKeyDer` with `algorithm`. */
export function unwrapKeyMaterial(algorithm: SupportedWrappingAlgorithm, privateKeyDer: Buffer, encrypted: Uint8Array): UnwrapResult {
  const rsaBytes = rsaModulusBytes(privateKeyDer);
  const hash = OAEP_HASH[algorithm];
  if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256') {
    if (encrypted.length !== rsaBytes) return { ok: false, reason: 'size' };
    const material = rsaOaepDecrypt(privateKeyDer, hash, encrypted);
    return material ? { ok: true, material } : { ok: false, reason: 'decrypt' };
  }
  // RSA part first, then the AES-KWP part (at least 16 bytes: one semiblock plus the integrity block).
  if (encrypted.length < rsaBytes + 16) return { ok: false, reason: 'size' };
  const aesKey = rsaOaepDecrypt(privateKeyDer, hash, encrypted.subarray(0, rsaBytes));
  if (!aesKey || aesKey.length !== AES_256_KEY_BYTES) return { ok: false, reason: 'decrypt' };
  const material = aes256KeyUnwrapWithPadding(aesKey, encrypted.subarray(rsaBytes));
  aesKey.fill(0);
  return material ? { ok: true, material } : { ok: false, reason: 'decrypt' };
}
