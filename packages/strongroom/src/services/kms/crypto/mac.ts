/**
 * GenerateMac/VerifyMac: the standard, raw HMAC (RFC 2104) of a message
 * under an HMAC key's material, and its constant-time comparison.
 */
import { constantTimeEqual, hmac } from '../../../crypto/primitives.ts';
import type { MacAlgorithmSpec } from '../../../protocol/spec/generated/kms.types.ts';

const HASHES = {
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
} as const satisfies Record<MacAlgorithmSpec, string>;

export function computeMac(material: Uint8Array, algorithm: MacAlgorithmSpec, message: Uint8Array): Buffer {
  return hmac(HASHES[algorithm], material, message);
}

/** Whether `mac` is the HMAC of `message`, compared in constant time. */
export function macMatches(material: Uint8Array, algorithm: MacAlgorithmSpec, message: Uint8Array, mac: Uint8Array): boolean {
  const expected = computeMac(material, algorithm, message);
  try {
    return constantTimeEqual(expected, mac);
  } finally {
    expected.fill(0);
  }
}
