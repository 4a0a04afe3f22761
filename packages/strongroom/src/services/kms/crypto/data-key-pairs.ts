/**
 * Data key pairs (GenerateDataKeyPair*): a fresh asymmetric key pair for use
 * outside KMS. The private key is PKCS#8 DER, the public key a DER
 * SubjectPublicKeyInfo, as AWS returns them.
 */
import { generatePrivateKeyDerAsync, parsePrivateKeyDer, publicKeyDer, publicKeyFromPrivate, type KeyPairSpec } from '../../../crypto/asymmetric.ts';
import type { DataKeyPairSpec } from '../../../protocol/spec/generated/kms.types.ts';
import { unsupportedOperation } from '../errors.ts';

const KEY_PAIR_SPECS: Partial<Record<DataKeyPairSpec, KeyPairSpec>> = {
  RSA_2048: { kind: 'rsa', modulusBits: 2048 },
  RSA_3072: { kind: 'rsa', modulusBits: 3072 },
  RSA_4096: { kind: 'rsa', modulusBits: 4096 },
  ECC_NIST_P256: { kind: 'ec', curve: 'prime256v1' },
  ECC_NIST_P384: { kind: 'ec', curve: 'secp384r1' },
  ECC_NIST_P521: { kind: 'ec', curve: 'secp521r1' },
  ECC_SECG_P256K1: { kind: 'ec', curve: 'secp256k1' },
};

/** The key pair a KeyPairSpec names; SM2 (China Regions only) and Ed25519 are refused. */
export function dataKeyPairSpec(spec: DataKeyPairSpec): KeyPairSpec {
  const keyPair = KEY_PAIR_SPECS[spec];
  if (!keyPair) throw unsupportedOperation(`KeyPairSpec ${spec} is not supported by Strongroom.`);
  return keyPair;
}

export interface DataKeyPair {
  /** PKCS#8 DER (PrivateKeyInfo, RFC 5958). Secret: callers zero it when done. */
  privateKey: Buffer;
  /** DER SubjectPublicKeyInfo (RFC 5280). */
  publicKey: Buffer;
}

/** A new key pair; generated off the event loop (RSA 4096 takes long enough to matter). */
export async function generateDataKeyPair(spec: KeyPairSpec): Promise<DataKeyPair> {
  const privateKey = await generatePrivateKeyDerAsync(spec);
  return { privateKey, publicKey: publicKeyDer(publicKeyFromPrivate(parsePrivateKeyDer(privateKey))) };
}
