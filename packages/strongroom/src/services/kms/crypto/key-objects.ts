/**
 * Parsed private and public keys of asymmetric key material, cached per
 * material object: parsing PKCS#8 DER costs more than a signature, and a
 * cached key keeps its material objects for as long as it stays cached.
 * Shared by every operation on asymmetric keys (Sign/Verify, RSA
 * encryption, GetPublicKey; A2 uses it for ECDH and data key pairs).
 */
import { parsePrivateKeyDer, publicKeyDer, publicKeyFromPrivate, type PrivateKey, type PublicKey } from '../../../crypto/asymmetric.ts';
import type { KeyMaterial } from '../model/types.ts';

interface ParsedKeys {
  privateKey: PrivateKey;
  publicKey: PublicKey;
  publicKeyDer?: Buffer;
}

const parsed = new WeakMap<KeyMaterial, ParsedKeys>();

function parsedKeys(material: KeyMaterial): ParsedKeys {
  let keys = parsed.get(material);
  if (!keys) {
    const privateKey = parsePrivateKeyDer(material.key);
    keys = { privateKey, publicKey: publicKeyFromPrivate(privateKey) };
    parsed.set(material, keys);
  }
  return keys;
}

/** The private key of asymmetric material (PKCS#8 DER in material.key). */
export function privateKeyOf(material: KeyMaterial): PrivateKey {
  return parsedKeys(material).privateKey;
}

export function publicKeyOf(material: KeyMaterial): PublicKey {
  return parsedKeys(material).publicKey;
}

/** The DER SubjectPublicKeyInfo of asymmetric material (a copy: callers may hand it out). */
export function publicKeyDerOf(material: KeyMaterial): Buffer {
  const keys = parsedKeys(material);
  keys.publicKeyDer ??= publicKeyDer(keys.publicKey);
  return Buffer.from(keys.publicKeyDer);
}
