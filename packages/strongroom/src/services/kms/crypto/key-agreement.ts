/**
 * DeriveSharedSecret's computation: the peer's DER SubjectPublicKeyInfo must
 * be an EC key on the KMS key's curve (OpenSSL refuses points off the
 * curve while parsing); the result is the raw ECDH secret, no KDF applied.
 */
import { describeKey, parsePublicKeyDer, type PrivateKey, type PublicKey } from '../../../crypto/asymmetric.ts';
import { ecdhSharedSecret } from '../../../crypto/key-agreement.ts';
import { validationError } from '../errors.ts';

export function parsePeerPublicKey(der: Uint8Array, privateKey: PrivateKey): PublicKey {
  let peer: PublicKey;
  try {
    peer = parsePublicKeyDer(der);
  } catch {
    throw validationError('PublicKey must be a DER-encoded X.509 SubjectPublicKeyInfo of an elliptic curve key.');
  }
  const ours = describeKey(privateKey);
  const theirs = describeKey(peer);
  if (ours?.kind !== 'ec' || theirs?.kind !== 'ec' || theirs.curve !== ours.curve) {
    throw validationError("PublicKey must be on the same elliptic curve as the KMS key's key pair.");
  }
  return peer;
}

export function deriveSharedSecret(privateKey: PrivateKey, peerPublicKeyDer: Uint8Array): Buffer {
  return ecdhSharedSecret(privateKey, parsePeerPublicKey(peerPublicKeyDer, privateKey));
}
