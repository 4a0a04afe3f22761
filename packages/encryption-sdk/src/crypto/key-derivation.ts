/**
 * Data-key derivation per algorithm suite (specification
 * framework/algorithm-suites.md, framework/transitive-requirements.md):
 * identity for 0x00xx; HKDF(salt none, info = suiteId ‖ messageId) for the
 * non-committing suites; for 0x0478/0x0578 one HKDF-Extract with the message
 * ID as salt, expanded twice: suiteId ‖ "DERIVEKEY" → data encryption key,
 * "COMMITKEY" → commit key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlgorithmSuite, SuiteHash } from '../suites.ts';
import { COMMIT_KEY_BYTES } from '../suites.ts';
import { CommitmentMismatchError } from '../errors.ts';

const HASH_BYTES: Record<SuiteHash, number> = { sha256: 32, sha384: 48, sha512: 64 };
const DERIVE_KEY_LABEL = Buffer.from('DERIVEKEY', 'ascii');
const COMMIT_KEY_LABEL = Buffer.from('COMMITKEY', 'ascii');

export function hkdfExtract(hash: SuiteHash, salt: Uint8Array | undefined, ikm: Uint8Array): Buffer {
  // RFC 5869: an absent salt is HashLen zero bytes.
  return createHmac(hash, salt && salt.length > 0 ? salt : Buffer.alloc(HASH_BYTES[hash])).update(ikm).digest();
}

export function hkdfExpand(hash: SuiteHash, prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  const hashBytes = HASH_BYTES[hash];
  const blocks = Math.ceil(length / hashBytes);
  const out = Buffer.allocUnsafe(blocks * hashBytes);
  let previous = Buffer.alloc(0);
  for (let i = 1; i <= blocks; i++) {
    previous = createHmac(hash, prk).update(previous).update(info).update(Buffer.of(i)).digest();
    previous.copy(out, (i - 1) * hashBytes);
  }
  return out.subarray(0, length);
}

function suiteIdBytes(suite: AlgorithmSuite): Buffer {
  const id = Buffer.allocUnsafe(2);
  id.writeUInt16BE(suite.id, 0);
  return id;
}

export interface DerivedKeys {
  /** The AES-GCM key for the header tag and the body. */
  readonly dataKey: Buffer;
  /** Committing suites only. */
  readonly commitKey?: Buffer;
}

export function deriveKeys(suite: AlgorithmSuite, plaintextDataKey: Uint8Array, messageId: Uint8Array): DerivedKeys {
  if (plaintextDataKey.length !== suite.keyBytes) throw new RangeError('The plaintext data key length does not match the algorithm suite');
  if (suite.kdf === 'identity') return { dataKey: Buffer.from(plaintextDataKey) };
  const hash = suite.kdf.hash;
  if (!suite.committing) {
    return { dataKey: hkdfExpand(hash, hkdfExtract(hash, undefined, plaintextDataKey), Buffer.concat([suiteIdBytes(suite), messageId]), suite.keyBytes) };
  }
  const prk = hkdfExtract(hash, messageId, plaintextDataKey);
  return {
    dataKey: hkdfExpand(hash, prk, Buffer.concat([suiteIdBytes(suite), DERIVE_KEY_LABEL]), suite.keyBytes),
    commitKey: hkdfExpand(hash, prk, COMMIT_KEY_LABEL, COMMIT_KEY_BYTES),
  };
}

/** Throws CommitmentMismatchError unless the header's suite data equals the derived commit key (constant time). */
export function assertCommitment(derived: Uint8Array | undefined, fromHeader: Uint8Array | undefined): void {
  if (!derived || !fromHeader || derived.length !== fromHeader.length || !timingSafeEqual(derived, fromHeader)) {
    throw new CommitmentMismatchError();
  }
}
