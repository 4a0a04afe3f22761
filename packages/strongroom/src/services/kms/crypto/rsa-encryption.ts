/**
 * Encrypt/Decrypt with RSA ENCRYPT_DECRYPT keys: RSAES-OAEP (SHA-1 or
 * SHA-256, MGF1 over the same hash, no label). The ciphertext is the bare
 * RSA output, as KMS returns it, so anything encrypted with the public key
 * (GetPublicKey) by any standard library decrypts here.
 */
import { rsaOaepDecrypt, rsaOaepEncrypt, rsaOaepMaxPlaintext } from '../../../crypto/asymmetric.ts';
import type { EncryptionAlgorithmSpec } from '../../../protocol/spec/generated/kms.types.ts';
import { invalidCiphertext, validationError } from '../errors.ts';
import { keySpecProfile } from '../model/key-specs.ts';
import { currentMaterial, type LoadedKey } from '../model/types.ts';
import { privateKeyOf, publicKeyOf } from './key-objects.ts';

/** Whether the key encrypts with RSA (an RSA key with KeyUsage ENCRYPT_DECRYPT). */
export function isRsaEncryptionKey(key: LoadedKey): boolean {
  return key.record.keyUsage === 'ENCRYPT_DECRYPT' && keySpecProfile(key.record.keySpec, key.record.keyUsage).material.kind === 'rsa';
}

function oaepHash(algorithm: EncryptionAlgorithmSpec): 'sha1' | 'sha256' {
  if (algorithm === 'RSAES_OAEP_SHA_1') return 'sha1';
  if (algorithm === 'RSAES_OAEP_SHA_256') return 'sha256';
  // The key's profile admits only the two algorithms above; callers check it first.
  throw new Error(`${algorithm} is not an RSA encryption algorithm`);
}

function modulusBits(key: LoadedKey): number {
  const material = keySpecProfile(key.record.keySpec, key.record.keyUsage).material;
  if (material.kind !== 'rsa') throw new Error(`${key.record.keySpec} is not an RSA key spec`);
  return material.modulusBits;
}

/** RSAES-OAEP under the key's public key; plaintext beyond AWS's limit for the key size and algorithm is a ValidationException. */
export function rsaEncryptUnder(key: LoadedKey, algorithm: EncryptionAlgorithmSpec, plaintext: Uint8Array): Buffer {
  const hash = oaepHash(algorithm);
  const max = rsaOaepMaxPlaintext(modulusBits(key), hash);
  if (plaintext.length > max) throw validationError(`Algorithm ${algorithm} and key spec ${key.record.keySpec} cannot encrypt data larger than ${max} bytes.`);
  return rsaOaepEncrypt(publicKeyOf(currentMaterial(key)), hash, plaintext);
}

/** The plaintext; InvalidCiphertextException when the ciphertext is not RSAES-OAEP under this key and algorithm. */
export function rsaDecryptUnder(key: LoadedKey, algorithm: EncryptionAlgorithmSpec, ciphertext: Uint8Array): Buffer {
  const plaintext = rsaOaepDecrypt(privateKeyOf(currentMaterial(key)), oaepHash(algorithm), ciphertext);
  if (!plaintext) throw invalidCiphertext();
  return plaintext;
}
