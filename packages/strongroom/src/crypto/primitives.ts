/**
 * The only module that imports node:crypto. Everything that hashes, signs,
 * encrypts or draws random bytes goes through these small functions so the
 * set of algorithms in use stays visible in one place.
 */
import * as nodeCrypto from 'node:crypto';

export const AES_GCM_IV_BYTES = 12;
export const AES_GCM_TAG_BYTES = 16;
export const AES_256_KEY_BYTES = 32;

const POOL_BYTES = 8192;
// Only IV- and id-sized requests: key material never shares a slab with anything else.
const POOLED_MAX = 16;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * Cryptographically secure random bytes. Small requests (IVs, ids) are cut
 * from a pool filled 8 KiB at a time: one call into OpenSSL per few hundred
 * requests instead of one each (as crypto.randomUUID does). A pool is never
 * refilled in place, so bytes handed out are never handed out again.
 */
export function randomBytes(size: number): Buffer {
  if (size > POOLED_MAX) return nodeCrypto.randomBytes(size);
  if (poolOffset + size > pool.length) {
    pool = nodeCrypto.randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return bytes;
}

export function sha256(data: string | Uint8Array): Buffer {
  return nodeCrypto.createHash('sha256').update(data).digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return nodeCrypto.createHash('sha256').update(data).digest('hex');
}

export function hmacSha256(key: string | Uint8Array, data: string | Uint8Array): Buffer {
  return nodeCrypto.createHmac('sha256', key).update(data).digest();
}

/** HMAC (RFC 2104) with a SHA-2 hash, for KMS HMAC keys. */
export function hmac(hash: 'sha224' | 'sha256' | 'sha384' | 'sha512', key: Uint8Array, data: Uint8Array): Buffer {
  return nodeCrypto.createHmac(hash, key).update(data).digest();
}

/** Constant-time equality; unequal lengths are unequal without leaking where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    nodeCrypto.timingSafeEqual(a, a);
    return false;
  }
  return nodeCrypto.timingSafeEqual(a, b);
}

export interface GcmSealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function aesGcmEncrypt(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, iv: Uint8Array = randomBytes(AES_GCM_IV_BYTES)): GcmSealed {
  const cipher = nodeCrypto.createCipheriv(key.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', key, iv, { authTagLength: AES_GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: Buffer.from(iv), ciphertext, tag: cipher.getAuthTag() };
}

/** Returns null when authentication fails (wrong key, tampered data or AAD). */
export function aesGcmDecrypt(key: Uint8Array, sealed: GcmSealed, aad: Uint8Array): Buffer | null {
  try {
    const decipher = nodeCrypto.createDecipheriv(key.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', key, sealed.iv, { authTagLength: AES_GCM_TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export function scryptKey(passphrase: string, salt: Uint8Array, params: ScryptParams, length = AES_256_KEY_BYTES): Buffer {
  return nodeCrypto.scryptSync(passphrase, salt, length, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r });
}

export function randomUuid(): string {
  return nodeCrypto.randomUUID();
}

// Imported key material (KMS GetParametersForImport / ImportKeyMaterial).

export interface RsaKeyPairDer {
  /** DER SubjectPublicKeyInfo. */
  publicKey: Buffer;
  /** DER PKCS#8. Secret: seal it before it is stored. */
  privateKey: Buffer;
}

/** A fresh RSA key pair (exponent 65537), generated off the event loop. */
export function generateRsaKeyPair(modulusBits: number): Promise<RsaKeyPairDer> {
  return new Promise((resolve, reject) => {
    nodeCrypto.generateKeyPair(
      'rsa',
      { modulusLength: modulusBits, publicExponent: 0x10001, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } },
      (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey })),
    );
  });
}

/** RSAES-OAEP decryption (MGF1 with the same hash); null when the ciphertext does not decrypt. */
export function rsaOaepDecrypt(privateKeyDer: Uint8Array, hash: 'sha1' | 'sha256', ciphertext: Uint8Array): Buffer | null {
  try {
    const key = nodeCrypto.createPrivateKey({ key: Buffer.from(privateKeyDer), format: 'der', type: 'pkcs8' });
    return nodeCrypto.privateDecrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, ciphertext);
  } catch {
    return null;
  }
}

/** The modulus length in bytes of a DER PKCS#8 RSA private key. */
export function rsaModulusBytes(privateKeyDer: Uint8Array): number {
  const key = nodeCrypto.createPrivateKey({ key: Buffer.from(privateKeyDer), format: 'der', type: 'pkcs8' });
  return (key.asymmetricKeyDetails?.modulusLength ?? 0) / 8;
}

/** RFC 5649's alternative initial value, which AES Key Wrap with Padding takes as its IV. */
const KWP_IV = Buffer.from('a65959a6', 'hex');

/** AES-256 Key Wrap with Padding (RFC 5649) unwrap; null when the integrity check fails. */
export function aes256KeyUnwrapWithPadding(kek: Uint8Array, wrapped: Uint8Array): Buffer | null {
  try {
    const decipher = nodeCrypto.createDecipheriv('id-aes256-wrap-pad', kek, KWP_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return null;
  }
}
