/**
 * KMS signing algorithms → the signature schemes of src/crypto/asymmetric.ts,
 * and Sign/Verify on a key's material. With MessageType DIGEST the message is
 * the digest, whose length must be the algorithm's hash length.
 */
import { hashLength, signMessage, verifySignature, type SignatureAlgorithm } from '../../../crypto/asymmetric.ts';
import type { MessageType, SigningAlgorithmSpec } from '../../../protocol/spec/generated/kms.types.ts';
import { validationError } from '../errors.ts';
import type { KeyMaterial } from '../model/types.ts';
import { privateKeyOf, publicKeyOf } from './key-objects.ts';

const ALGORITHMS: Partial<Record<SigningAlgorithmSpec, SignatureAlgorithm>> = {
  RSASSA_PSS_SHA_256: { scheme: 'rsa-pss', hash: 'sha256' },
  RSASSA_PSS_SHA_384: { scheme: 'rsa-pss', hash: 'sha384' },
  RSASSA_PSS_SHA_512: { scheme: 'rsa-pss', hash: 'sha512' },
  RSASSA_PKCS1_V1_5_SHA_256: { scheme: 'rsa-pkcs1', hash: 'sha256' },
  RSASSA_PKCS1_V1_5_SHA_384: { scheme: 'rsa-pkcs1', hash: 'sha384' },
  RSASSA_PKCS1_V1_5_SHA_512: { scheme: 'rsa-pkcs1', hash: 'sha512' },
  ECDSA_SHA_256: { scheme: 'ecdsa', hash: 'sha256' },
  ECDSA_SHA_384: { scheme: 'ecdsa', hash: 'sha384' },
  ECDSA_SHA_512: { scheme: 'ecdsa', hash: 'sha512' },
};

function schemeOf(algorithm: SigningAlgorithmSpec): SignatureAlgorithm {
  const scheme = ALGORITHMS[algorithm];
  // Key spec profiles only list the algorithms above.
  if (!scheme) throw new Error(`no signature scheme for ${algorithm}`);
  return scheme;
}

/** Whether the message is a digest; a digest of the wrong length is AWS's ValidationException. */
export function isDigestMessage(algorithm: SigningAlgorithmSpec, messageType: MessageType | undefined, message: Uint8Array): boolean {
  if (messageType !== 'DIGEST') return false;
  if (message.length !== hashLength(schemeOf(algorithm).hash)) throw validationError(`Digest is invalid length for algorithm ${algorithm}.`);
  return true;
}

export function signWith(material: KeyMaterial, algorithm: SigningAlgorithmSpec, message: Uint8Array, isDigest: boolean): Promise<Buffer> {
  return signMessage(privateKeyOf(material), schemeOf(algorithm), message, isDigest);
}

export function verifyWith(material: KeyMaterial, algorithm: SigningAlgorithmSpec, message: Uint8Array, isDigest: boolean, signature: Uint8Array): Promise<boolean> {
  return verifySignature(publicKeyOf(material), schemeOf(algorithm), message, isDigest, signature);
}
