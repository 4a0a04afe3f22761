/**
 * PKCS#1 v1.5 decryption (RFC 8017 §7.2.2) for the raw RSA keyring.
 *
 * Node 20 refuses crypto.privateDecrypt with RSA_PKCS1_PADDING (CVE-2023-46809,
 * the "Marvin" timing attack) unless the whole process runs with
 * --security-revert=CVE-2023-46809. Instead we let OpenSSL do the raw RSA
 * operation (RSA_NO_PADDING, which Node still allows) and remove the padding
 * here without data-dependent branches, with implicit rejection as in
 * OpenSSL 3.2: a malformed block yields a deterministic pseudo-random "key"
 * derived from the ciphertext, so a bad padding is indistinguishable from a
 * wrong key to anyone watching the result (both fail the header tag later).
 */
import { constants, createHmac, privateDecrypt, type KeyObject } from 'node:crypto';

/**
 * The message of expected length `expectedLength`, or the implicit-rejection
 * value HMAC-SHA256(rejectionKey, ciphertext) (truncated) when the padding
 * is invalid or the length differs.
 */
export function pkcs1v15Decrypt(privateKey: KeyObject, rejectionKey: Buffer, ciphertext: Uint8Array, expectedLength: number): Buffer {
  const block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, ciphertext);
  const k = block.length;
  // Valid: 00 02 PS(≥ 8 non-zero bytes) 00 M, with |M| = expectedLength.
  // Everything below is computed with arithmetic masks, no early exit.
  let bad = block[0] | (block[1] ^ 0x02);
  let zeroIndex = 0; // index of the first zero byte after the type byte (0 = none yet)
  for (let i = 2; i < k; i++) {
    const isZero = ((block[i] - 1) >>> 31) & 1; // 1 iff byte == 0
    const first = isZero & (((zeroIndex - 1) >>> 31) & 1); // zero byte and none seen yet
    zeroIndex |= -first & i;
  }
  bad |= ((zeroIndex - 1) >>> 31) & 1; // no separator
  bad |= ((zeroIndex - 10) >>> 31) & 1; // PS shorter than 8 bytes (separator before index 10)
  const messageLength = k - zeroIndex - 1;
  const lengthDiff = messageLength ^ expectedLength;
  bad |= ((lengthDiff | -lengthDiff) >>> 31) & 1;
  const synthetic = createHmac('sha256', rejectionKey).update(ciphertext).digest();
  const out = Buffer.allocUnsafe(expectedLength);
  const mask = -((bad | -bad) >>> 31) & 0xff; // 0xff if bad
  const start = k - expectedLength;
  for (let i = 0; i < expectedLength; i++) {
    const real = start + i >= 0 ? block[start + i] : 0;
    const fake = synthetic[i % synthetic.length];
    out[i] = (real & ~mask) | (fake & mask);
  }
  block.fill(0);
  return out;
}
