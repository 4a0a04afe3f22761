/**
 * Elliptic-curve Diffie-Hellman (DeriveSharedSecret): the raw shared secret
 * Z, the x-coordinate of the product point, as SP 800-56A's ECC CDH
 * primitive defines it (the cofactor is 1 on every curve KMS offers). One of
 * the few modules that import node:crypto.
 */
import * as nodeCrypto from 'node:crypto';
import type { PrivateKey, PublicKey } from './asymmetric.ts';

/** Both keys must be EC keys on the same curve (callers check; OpenSSL refuses otherwise). */
export function ecdhSharedSecret(privateKey: PrivateKey, peerPublicKey: PublicKey): Buffer {
  return nodeCrypto.diffieHellman({ privateKey, publicKey: peerPublicKey });
}
