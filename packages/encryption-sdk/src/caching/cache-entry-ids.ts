/**
 * Cache entry identifiers of the caching CMM, exactly as the specification
 * defines them (framework/caching-cmm.md, Appendix A — the formulas every
 * released ESDK, @aws-crypto/client-node included, uses):
 *
 *   encrypt, no suite:  SHA512( SHA512(utf8(partition)) ‖ 0x00 ‖ SHA512(serialize(EC)) )
 *   encrypt, suite:     SHA512( SHA512(utf8(partition)) ‖ 0x01 ‖ suiteId(2) ‖ SHA512(serialize(EC)) )
 *   decrypt:            SHA512( SHA512(utf8(partition)) ‖ suiteId(2) ‖ sorted(SHA512(edk entry))… ‖ 64 zero bytes ‖ SHA512(serialize(EC)) )
 *
 * serialize(EC) is the header's key-value-pair form without its length
 * prefix (empty context → no bytes); an EDK entry is its header form.
 */
import { createHash } from 'node:crypto';
import { serializeEncryptionContext } from '../format/encryption-context.ts';
import { serializeEncryptedDataKey } from '../format/header.ts';
import type { EncryptedDataKey, EncryptionContext } from '../materials.ts';
import type { AlgorithmSuite } from '../suites.ts';

const END_OF_EDK_HASHES = Buffer.alloc(64);

function sha512(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha512');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function uint16(value: number): Buffer {
  const out = Buffer.allocUnsafe(2);
  out.writeUInt16BE(value, 0);
  return out;
}

/** SHA-512 of the UTF-8 partition name; computed once per caching CMM. */
export function partitionHash(partition: string): Buffer {
  return sha512(Buffer.from(partition, 'utf8'));
}

export function encryptionContextHash(context: EncryptionContext): Buffer {
  return sha512(serializeEncryptionContext(context));
}

export function encryptEntryId(partitionDigest: Uint8Array, suite: AlgorithmSuite | undefined, context: EncryptionContext): Buffer {
  const suitePart = suite ? Buffer.concat([Buffer.of(1), uint16(suite.id)]) : Buffer.of(0);
  return sha512(partitionDigest, suitePart, encryptionContextHash(context));
}

export function decryptEntryId(partitionDigest: Uint8Array, suite: AlgorithmSuite, encryptedDataKeys: readonly EncryptedDataKey[], context: EncryptionContext): Buffer {
  // All digests have the same length, so byte order = Buffer.compare order.
  const edkHashes = encryptedDataKeys.map((edk) => sha512(serializeEncryptedDataKey(edk))).sort(Buffer.compare);
  return sha512(partitionDigest, uint16(suite.id), ...edkHashes, END_OF_EDK_HASHES, encryptionContextHash(context));
}
