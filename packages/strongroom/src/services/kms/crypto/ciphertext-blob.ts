/**
 * The KMS ciphertext blob, versions 1 and 2 (docs/formats/kms-ciphertext.md):
 *
 *   offset  size  field
 *   0       1     format version (0x01: key id is a UUID; 0x02: a multi-Region "mrk-" id)
 *   1       16    key id (the UUID's 16 bytes, or the 32 hex digits after "mrk-")
 *   17      4     key material version (u32 big-endian, from 1)
 *   21      12    AES-GCM IV
 *   33      n     AES-256-GCM ciphertext (n = plaintext length)
 *   33+n    16    AES-GCM tag
 *
 * The 21-byte header is authenticated: it is the first part of the AAD.
 */
import { AES_GCM_IV_BYTES, AES_GCM_TAG_BYTES } from '../../../crypto/primitives.ts';

export const BLOB_VERSION = 1;
/** The same layout for multi-Region keys, whose ids are "mrk-" and 32 hex digits. */
export const BLOB_VERSION_MULTI_REGION = 2;
export const BLOB_HEADER_BYTES = 1 + 16 + 4;
export const BLOB_OVERHEAD = BLOB_HEADER_BYTES + AES_GCM_IV_BYTES + AES_GCM_TAG_BYTES;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MULTI_REGION_PATTERN = /^mrk-[0-9a-f]{32}$/;

export interface BlobHeader {
  keyId: string;
  materialVersion: number;
}

export interface ParsedBlob extends BlobHeader {
  /** The authenticated header bytes, as they appear in the blob. */
  header: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function encodeBlobHeader({ keyId, materialVersion }: BlobHeader): Buffer {
  const multiRegion = MULTI_REGION_PATTERN.test(keyId);
  if (!multiRegion && !UUID_PATTERN.test(keyId)) throw new Error(`ciphertext blobs name keys by UUID or mrk- id, not "${keyId}"`);
  if (!Number.isInteger(materialVersion) || materialVersion < 1 || materialVersion > 0xffffffff) {
    throw new Error(`key material version ${materialVersion} is out of range`);
  }
  const header = Buffer.alloc(BLOB_HEADER_BYTES);
  header[0] = multiRegion ? BLOB_VERSION_MULTI_REGION : BLOB_VERSION;
  Buffer.from(multiRegion ? keyId.slice(4) : keyId.replaceAll('-', ''), 'hex').copy(header, 1);
  header.writeUInt32BE(materialVersion, 17);
  return header;
}

export function encodeBlob(header: Buffer, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Buffer {
  return Buffer.concat([header, iv, ciphertext, tag]);
}

/** Undefined for anything that is not a well-formed version-1 or version-2 blob. */
export function parseBlob(blob: Uint8Array): ParsedBlob | undefined {
  if (blob.length < BLOB_OVERHEAD || (blob[0] !== BLOB_VERSION && blob[0] !== BLOB_VERSION_MULTI_REGION)) return undefined;
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const materialVersion = bytes.readUInt32BE(17);
  if (materialVersion === 0) return undefined;
  const hex = bytes.subarray(1, 17).toString('hex');
  const keyId =
    bytes[0] === BLOB_VERSION_MULTI_REGION ? `mrk-${hex}` : `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const ivEnd = BLOB_HEADER_BYTES + AES_GCM_IV_BYTES;
  const tagStart = bytes.length - AES_GCM_TAG_BYTES;
  return {
    keyId,
    materialVersion,
    header: bytes.subarray(0, BLOB_HEADER_BYTES),
    iv: bytes.subarray(BLOB_HEADER_BYTES, ivEnd),
    ciphertext: bytes.subarray(ivEnd, tagStart),
    tag: bytes.subarray(tagStart),
  };
}
