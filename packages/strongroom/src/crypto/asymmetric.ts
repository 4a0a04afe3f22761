/**
 * Asymmetric keys: generation (PKCS#8 DER), parsing into key objects, and
 * the public-key operations on them. Like primitives.ts, one of the few
 * modules that import node:crypto; callers see only the opaque key types.
 */
import * as nodeCrypto from 'node:crypto';
import { ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa-prehashed.ts';
import { pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest } from './rsa-prehashed.ts';

/** A parsed private key (opaque outside src/crypto). */
export type PrivateKey = nodeCrypto.KeyObject & { readonly __private: unique symbol };
/** A parsed public key (opaque outside src/crypto). */
export type PublicKey = nodeCrypto.KeyObject & { readonly __public: unique symbol };

export type RsaModulusBits = 2048 | 3072 | 4096;
/** OpenSSL's names of the curves KMS supports. */
export type EcCurve = 'prime256v1' | 'secp384r1' | 'secp521r1' | 'secp256k1';
export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export type KeyPairSpec = { kind: 'rsa'; modulusBits: RsaModulusBits } | { kind: 'ec'; curve: EcCurve };

/** A new private key, as unencrypted PKCS#8 DER. */
export function generatePrivateKeyDer(spec: KeyPairSpec): Buffer {
  const pair =
    spec.kind === 'rsa'
      ? nodeCrypto.generateKeyPairSync('rsa', { modulusLength: spec.modulusBits, publicExponent: 0x10001 })
      : nodeCrypto.generateKeyPairSync('ec', { namedCurve: spec.curve });
  return pair.privateKey.export({ format: 'der', type: 'pkcs8' });
}

/** A new key pair, asynchronously (RSA 4096 takes long enough to matter on the event loop). */
export async function generatePrivateKeyDerAsync(spec: KeyPairSpec): Promise<Buffer> {
  const pair = await new Promise<nodeCrypto.KeyPairKeyObjectResult>((resolve, reject) => {
    const done = (error: Error | null, publicKey: nodeCrypto.KeyObject, privateKey: nodeCrypto.KeyObject) =>
      error ? reject(error) : resolve({ publicKey, privateKey });
    if (spec.kind === 'rsa') nodeCrypto.generateKeyPair('rsa', { modulusLength: spec.modulusBits, publicExponent: 0x10001 }, done);
    else nodeCrypto.generateKeyPair('ec', { namedCurve: spec.curve }, done);
  });
  return pair.privateKey.export({ format: 'der', type: 'pkcs8' });
}

/** Parses PKCS#8 DER; throws on anything else. */
export function parsePrivateKeyDer(der: Uint8Array): PrivateKey {
  return nodeCrypto.createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }) as PrivateKey;
}

/** Parses a DER SubjectPublicKeyInfo; throws on anything else. */
export function parsePublicKeyDer(der: Uint8Array): PublicKey {
  return nodeCrypto.createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }) as PublicKey;
}

export function publicKeyFromPrivate(key: PrivateKey): PublicKey {
  return nodeCrypto.createPublicKey(key) as PublicKey;
}

/** DER SubjectPublicKeyInfo, as GetPublicKey returns it. */
export function publicKeyDer(key: PublicKey): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

/** What a private key is: RSA with its modulus size, or EC on a named curve. */
export function describeKey(key: PrivateKey | PublicKey): KeyPairSpec | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && details?.modulusLength !== undefined) return { kind: 'rsa', modulusBits: details.modulusLength as RsaModulusBits };
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve !== undefined) return { kind: 'ec', curve: details.namedCurve as EcCurve };
  return undefined;
}

export type SignatureScheme = 'rsa-pss' | 'rsa-pkcs1' | 'ecdsa';

export interface SignatureAlgorithm {
  scheme: SignatureScheme;
  hash: 'sha256' | 'sha384' | 'sha512';
}

const HASH_BYTES: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export function hashLength(hash: HashName): number {
  return HASH_BYTES[hash];
}

export function hash(name: HashName, data: Uint8Array): Buffer {
  return nodeCrypto.createHash(name).update(data).digest();
}

function signOptions(key: nodeCrypto.KeyObject, algorithm: SignatureAlgorithm): nodeCrypto.SignKeyObjectInput {
  switch (algorithm.scheme) {
    case 'rsa-pss':
      // KMS's PSS salt is as long as the digest.
      return { key, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[algorithm.hash] };
    case 'rsa-pkcs1':
      return { key, padding: nodeCrypto.constants.RSA_PKCS1_PADDING };
    case 'ecdsa':
      return { key, dsaEncoding: 'der' };
  }
}

function curveOf(key: nodeCrypto.KeyObject): EcCurve {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve === undefined) throw new Error('not an EC key');
  return curve as EcCurve;
}

/**
 * Signs `message`, or with `isDigest` the digest the caller already
 * computed (its length must be the hash's; callers check). RSA signatures
 * are k bytes, ECDSA signatures DER.
 */
export async function signMessage(key: PrivateKey, algorithm: SignatureAlgorithm, message: Uint8Array, isDigest: boolean): Promise<Buffer> {
  if (!isDigest) return nodeCrypto.sign(algorithm.hash, message, signOptions(key, algorithm));
  switch (algorithm.scheme) {
    case 'rsa-pss':
      return pssSignDigest(key, algorithm.hash, message);
    case 'rsa-pkcs1':
      return pkcs1SignDigest(key, algorithm.hash, message);
    case 'ecdsa':
      return ecdsaSignDigest(key, curveOf(key), message);
  }
}

/** Whether `signature` is valid for `message` (or, with `isDigest`, for that digest). Malformed signatures are invalid. */
export async function verifySignature(key: PublicKey, algorithm: SignatureAlgorithm, message: Uint8Array, isDigest: boolean, signature: Uint8Array): Promise<boolean> {
  // RFC 8017 8.1.2/8.2.2 step 1: an RSA signature is exactly k bytes. OpenSSL's
  // PSS path accepts a shorter one (a leading zero byte dropped); KMS must not.
  if (algorithm.scheme !== 'ecdsa' && signature.length * 8 !== key.asymmetricKeyDetails?.modulusLength) return false;
  if (!isDigest) {
    try {
      return nodeCrypto.verify(algorithm.hash, message, signOptions(key, algorithm) as nodeCrypto.VerifyKeyObjectInput, signature);
    } catch {
      return false;
    }
  }
  switch (algorithm.scheme) {
    case 'rsa-pss':
      return pssVerifyDigest(key, algorithm.hash, message, signature);
    case 'rsa-pkcs1':
      return pkcs1VerifyDigest(key, algorithm.hash, message, signature);
    case 'ecdsa':
      return ecdsaVerifyDigest(key, curveOf(key), message, signature);
  }
}

/** RSAES-OAEP with MGF1 over the same hash and an empty label (KMS's RSAES_OAEP_SHA_1 / _SHA_256). */
export function rsaOaepEncrypt(key: PublicKey, hashName: 'sha1' | 'sha256', plaintext: Uint8Array): Buffer {
  return nodeCrypto.publicEncrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashName }, plaintext);
}

/** The plaintext, or null when the ciphertext does not decrypt under this key and hash. */
export function rsaOaepDecrypt(key: PrivateKey, hashName: 'sha1' | 'sha256', ciphertext: Uint8Array): Buffer | null {
  try {
    return nodeCrypto.privateDecrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashName }, ciphertext);
  } catch {
    return null;
  }
}

/** The most plaintext RSAES-OAEP can take with a key of `modulusBits` (k − 2·hLen − 2). */
export function rsaOaepMaxPlaintext(modulusBits: number, hashName: 'sha1' | 'sha256'): number {
  return modulusBits / 8 - 2 * HASH_BYTES[hashName] - 2;
}
