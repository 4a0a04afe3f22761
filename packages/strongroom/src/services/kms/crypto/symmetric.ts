/**
 * SYMMETRIC_DEFAULT encryption under one version of a key's material:
 * AES-256-GCM with a fresh 96-bit IV, AAD = blob header ‖ canonical
 * encryption context. The result is a complete ciphertext blob.
 */
import { aesGcmDecrypt, aesGcmEncrypt } from '../../../crypto/primitives.ts';
import { encodeBlob, encodeBlobHeader, type ParsedBlob } from './ciphertext-blob.ts';
import { canonicalEncryptionContext, type EncryptionContext } from './encryption-context.ts';

export interface MaterialRef {
  keyId: string;
  materialVersion: number;
  /** The 32-byte AES key of that material version. */
  material: Uint8Array;
}

export function encryptSymmetric(ref: MaterialRef, plaintext: Uint8Array, context: EncryptionContext | undefined): Buffer {
  const header = encodeBlobHeader(ref);
  const aad = Buffer.concat([header, canonicalEncryptionContext(context)]);
  const { iv, ciphertext, tag } = aesGcmEncrypt(ref.material, plaintext, aad);
  return encodeBlob(header, iv, ciphertext, tag);
}

/** The plaintext, or undefined when authentication fails (other context, tampering, wrong material). */
export function decryptSymmetric(material: Uint8Array, blob: ParsedBlob, context: EncryptionContext | undefined): Buffer | undefined {
  const aad = Buffer.concat([blob.header, canonicalEncryptionContext(context)]);
  return aesGcmDecrypt(material, blob, aad) ?? undefined;
}
