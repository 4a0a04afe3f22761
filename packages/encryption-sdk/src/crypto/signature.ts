/**
 * ECDSA for the signed suites, entirely through node:crypto (OpenSSL): key
 * generation, DER signatures, and the SEC1 compressed public point that the
 * default CMM stores (base64) under "aws-crypto-public-key". Decompression is
 * left to OpenSSL by wrapping the compressed point in a DER SubjectPublicKeyInfo.
 */
import { createPublicKey, createSign, createVerify, generateKeyPair, type KeyObject, type Sign, type Verify } from 'node:crypto';
import type { AlgorithmSuite } from '../suites.ts';
import { MalformedMessageError } from '../errors.ts';

type Curve = NonNullable<AlgorithmSuite['signature']>['curve'];

const CURVES: Record<Curve, { coordinateBytes: number; spkiPrefix: Buffer }> = {
  // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (0 unused bits) ‖ 33-byte point }
  'P-256': { coordinateBytes: 32, spkiPrefix: Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex') },
  // SEQUENCE { SEQUENCE { id-ecPublicKey, secp384r1 }, BIT STRING (0 unused bits) ‖ 49-byte point }
  'P-384': { coordinateBytes: 48, spkiPrefix: Buffer.from('3046301006072a8648ce3d020106052b81040022033200', 'hex') },
};

function curveOf(suite: AlgorithmSuite): Curve {
  if (!suite.signature) throw new TypeError(`Algorithm suite 0x${suite.id.toString(16)} has no signature algorithm`);
  return suite.signature.curve;
}

/** The SEC1 §2.3.3 compressed form of an EC public key: 02/03 (y parity) ‖ x. */
export function compressPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x!, 'base64url');
  const y = Buffer.from(jwk.y!, 'base64url');
  const out = Buffer.allocUnsafe(1 + x.length);
  out[0] = 0x02 | (y[y.length - 1] & 1);
  x.copy(out, 1);
  return out;
}

export interface SigningKeyPair {
  readonly privateKey: KeyObject;
  /** base64 of the compressed public point, the "aws-crypto-public-key" value. */
  readonly publicKeyBase64: string;
}

function newKeyPair(curve: Curve): Promise<SigningKeyPair> {
  return new Promise<SigningKeyPair>((resolve, reject) => {
    // Asynchronous: OpenSSL runs in libuv's thread pool, off the event loop.
    generateKeyPair('ec', { namedCurve: curve }, (error, publicKey, privateKey) => {
      if (error) reject(error);
      else resolve({ privateKey, publicKeyBase64: compressPublicKey(publicKey).toString('base64') });
    });
  });
}

/**
 * One key pair per curve is generated ahead of need, so that key generation
 * for the next message overlaps with the work on this one. Every pair is
 * handed out exactly once.
 */
const spare = new Map<Curve, Promise<SigningKeyPair>>();

/** A fresh ECDSA key pair for one message of a signed suite. */
export function generateSigningKeyPair(suite: AlgorithmSuite): Promise<SigningKeyPair> {
  const curve = curveOf(suite);
  const ready = spare.get(curve);
  const next = newKeyPair(curve);
  next.catch(() => undefined);
  spare.set(curve, next);
  return ready ?? newKeyPair(curve);
}

/** Recently imported verification keys (public values): cached messages share one key pair. */
const verificationKeys = new Map<string, KeyObject>();
const VERIFICATION_KEY_CACHE_SIZE = 64;

/** The verification key from an "aws-crypto-public-key" value. */
export function verificationKeyFromBase64(suite: AlgorithmSuite, publicKeyBase64: string): KeyObject {
  const curve = curveOf(suite);
  const cacheKey = `${curve}:${publicKeyBase64}`;
  const cached = verificationKeys.get(cacheKey);
  if (cached) return cached;
  const { coordinateBytes, spkiPrefix } = CURVES[curve];
  const point = Buffer.from(publicKeyBase64, 'base64');
  if (point.length !== coordinateBytes + 1 || (point[0] !== 2 && point[0] !== 3) || point.toString('base64') !== publicKeyBase64) {
    throw new MalformedMessageError('The aws-crypto-public-key encryption context value is not a compressed public key for this algorithm suite');
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([spkiPrefix, point]), format: 'der', type: 'spki' });
  } catch {
    throw new MalformedMessageError('The aws-crypto-public-key encryption context value is not a point on the curve');
  }
  if (verificationKeys.size >= VERIFICATION_KEY_CACHE_SIZE) verificationKeys.delete(verificationKeys.keys().next().value!);
  verificationKeys.set(cacheKey, key);
  return key;
}

export function createMessageSigner(suite: AlgorithmSuite): Sign {
  return createSign(suite.signature!.hash);
}

export function createMessageVerifier(suite: AlgorithmSuite): Verify {
  return createVerify(suite.signature!.hash);
}

/** DER ECDSA-Sig-Value; OpenSSL's length varies (P-384: up to 104 bytes). */
export function finishSignature(signer: Sign, privateKey: KeyObject): Buffer {
  return signer.sign({ key: privateKey, dsaEncoding: 'der' });
}

export function finishVerification(verifier: Verify, publicKey: KeyObject, signature: Uint8Array): boolean {
  try {
    return verifier.verify({ key: publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/** Upper bound of a DER signature's length for the suite's curve. */
export function maxSignatureLength(suite: AlgorithmSuite): number {
  // SEQUENCE header (≤3) + two INTEGERs of (2 + coordinate bytes + 1 sign byte).
  return 3 + 2 * (2 + CURVES[curveOf(suite)].coordinateBytes + 1);
}
