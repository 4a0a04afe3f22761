/**
 * For the import tests: wrapping key material the way a KMS client does,
 * with node:crypto directly — the independent implementation the server's
 * unwrapping is checked against.
 */
import * as nodeCrypto from 'node:crypto';
import type { SupportedWrappingAlgorithm } from './wrapping.ts';

export const WRAPPING_ALGORITHMS: readonly SupportedWrappingAlgorithm[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'];

/** Wraps `material` as a KMS client would (AWS's "Encrypt key material" procedure). */
export function wrapForImport(algorithm: string, spki: nodeCrypto.KeyObject | Uint8Array, material: Buffer): Buffer {
  const key = spki instanceof Uint8Array ? nodeCrypto.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }) : spki;
  const oaep = (hash: string, data: Buffer) => nodeCrypto.publicEncrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data);
  switch (algorithm) {
    case 'RSAES_OAEP_SHA_1':
      return oaep('sha1', material);
    case 'RSAES_OAEP_SHA_256':
      return oaep('sha256', material);
    case 'RSA_AES_KEY_WRAP_SHA_1':
    case 'RSA_AES_KEY_WRAP_SHA_256': {
      const aesKey = nodeCrypto.randomBytes(32);
      const cipher = nodeCrypto.createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('a65959a6', 'hex'));
      const wrapped = Buffer.concat([cipher.update(material), cipher.final()]);
      // RSA-wrapped AES key first, then the AES-wrapped material.
      return Buffer.concat([oaep(algorithm === 'RSA_AES_KEY_WRAP_SHA_1' ? 'sha1' : 'sha256', aesKey), wrapped]);
    }
    default:
      throw new Error(`no wrapping for ${algorithm}`);
  }
}


/**
 * Decrypts a Strongroom ciphertext blob made without encryption context
 * with node:crypto and the material alone (docs/formats/kms-ciphertext.md:
 * AES-256-GCM, AAD = 21-byte header ‖ the empty context's 4-byte count).
 */
export function decryptBlobLocally(material: Buffer, blob: Uint8Array): string {
  const bytes = Buffer.from(blob);
  const header = bytes.subarray(0, 21);
  const decipher = nodeCrypto.createDecipheriv('aes-256-gcm', material, bytes.subarray(21, 33));
  decipher.setAAD(Buffer.concat([header, Buffer.alloc(4)]));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(33, bytes.length - 16)), decipher.final()]).toString();
}
