/**
 * The barrier envelope, version 1 (docs/formats/barrier.md):
 *
 *   0       1 byte    version (0x01)
 *   1       4 bytes   root-key term, unsigned big-endian, >= 1
 *   5       12 bytes  AES-GCM IV
 *   17      n bytes   ciphertext (n = plaintext length, may be 0)
 *   17+n    16 bytes  AES-GCM tag
 *
 * GCM additional data = bytes 0..4 (version + term) || UTF-8(caller's AAD).
 */
import { AES_GCM_IV_BYTES, AES_GCM_TAG_BYTES } from '../primitives.ts';
import { BarrierError } from './errors.ts';

export const ENVELOPE_VERSION = 1;
export const HEADER_BYTES = 5;
export const IV_OFFSET = HEADER_BYTES;
export const CIPHERTEXT_OFFSET = IV_OFFSET + AES_GCM_IV_BYTES;
export const ENVELOPE_OVERHEAD = CIPHERTEXT_OFFSET + AES_GCM_TAG_BYTES;
export const MAX_TERM = 0xffff_ffff;

export interface Envelope {
  version: number;
  term: number;
  header: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function encodeHeader(term: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(ENVELOPE_VERSION, 0);
  header.writeUInt32BE(term, 1);
  return header;
}

export function encodeEnvelope(header: Buffer, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Buffer {
  return Buffer.concat([header, iv, ciphertext, tag]);
}

export function decodeEnvelope(sealed: Uint8Array, aad: string): Envelope {
  const bytes = Buffer.isBuffer(sealed) ? sealed : Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < 1) throw new BarrierError('malformed', `sealed value for "${aad}" is empty`, aad);
  const version = bytes[0];
  if (version !== ENVELOPE_VERSION) {
    throw new BarrierError('unsupported-version', `sealed value for "${aad}" has envelope version ${version}; this Strongroom reads version ${ENVELOPE_VERSION}`, aad);
  }
  if (bytes.length < ENVELOPE_OVERHEAD) {
    throw new BarrierError('malformed', `sealed value for "${aad}" is truncated (${bytes.length} bytes, at least ${ENVELOPE_OVERHEAD} expected)`, aad);
  }
  return {
    version,
    term: bytes.readUInt32BE(1),
    header: bytes.subarray(0, HEADER_BYTES),
    iv: bytes.subarray(IV_OFFSET, CIPHERTEXT_OFFSET),
    ciphertext: bytes.subarray(CIPHERTEXT_OFFSET, bytes.length - AES_GCM_TAG_BYTES),
    tag: bytes.subarray(bytes.length - AES_GCM_TAG_BYTES),
  };
}
