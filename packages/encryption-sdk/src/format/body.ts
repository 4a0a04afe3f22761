/**
 * Message body wire format (specification data-format/message-body.md,
 * message-body-aad.md).
 *
 * regular frame: UInt32 seq ‖ IV(12) ‖ ciphertext(frameLength) ‖ tag(16)
 * final frame:   FFFFFFFF ‖ UInt32 seq ‖ IV(12) ‖ UInt32 length ‖ ciphertext ‖ tag(16)
 * non-framed:    IV(12) ‖ UInt64 length ‖ ciphertext ‖ tag(16)
 * body AAD:      messageId ‖ content string ‖ UInt32 seq ‖ UInt64 plaintext length
 */
import { SUITE_IV_BYTES, SUITE_TAG_BYTES } from '../suites.ts';

export const FINAL_FRAME_MARKER = 0xffffffff;
export const DEFAULT_FRAME_LENGTH = 4096;
export const MAX_FRAME_LENGTH = 0xffffffff;
/** The largest sequence number: 2^32 - 1 frames (the marker value itself is never a sequence number of a regular frame). */
export const MAX_SEQUENCE_NUMBER = 0xffffffff;
/** Non-framed body content limit, 2^36 - 32 bytes. */
export const MAX_NON_FRAMED_LENGTH = 2 ** 36 - 32;

/** Bytes around the ciphertext of a regular frame: seq + IV + tag. */
export const REGULAR_FRAME_OVERHEAD = 4 + SUITE_IV_BYTES + SUITE_TAG_BYTES;
/** Bytes around the ciphertext of the final frame: marker + seq + IV + length + tag. */
export const FINAL_FRAME_OVERHEAD = 4 + 4 + SUITE_IV_BYTES + 4 + SUITE_TAG_BYTES;
/** Bytes of the non-framed body before the ciphertext: IV + UInt64 length. */
export const NON_FRAMED_PREFIX = SUITE_IV_BYTES + 8;

export const BodyAadKind = { Regular: 0, Final: 1, SingleBlock: 2 } as const;
export type BodyAadKind = (typeof BodyAadKind)[keyof typeof BodyAadKind];

const CONTENT_STRINGS = ['AWSKMSEncryptionClient Frame', 'AWSKMSEncryptionClient Final Frame', 'AWSKMSEncryptionClient Single Block'].map((s) => Buffer.from(s, 'utf8'));

/**
 * Builds body AADs in three reusable buffers (one per content string);
 * setAAD copies its input, so reuse between frames is safe.
 */
export class BodyAadBuilder {
  private readonly buffers: Buffer[];
  private readonly numbersAt: number[];

  constructor(messageId: Uint8Array) {
    this.buffers = CONTENT_STRINGS.map((content) => {
      const buffer = Buffer.alloc(messageId.length + content.length + 12);
      buffer.set(messageId, 0);
      content.copy(buffer, messageId.length);
      return buffer;
    });
    this.numbersAt = CONTENT_STRINGS.map((content) => messageId.length + content.length);
  }

  aad(kind: BodyAadKind, sequenceNumber: number, contentLength: number): Buffer {
    const buffer = this.buffers[kind];
    const at = this.numbersAt[kind];
    buffer.writeUInt32BE(sequenceNumber, at);
    // UInt64: content lengths stay below 2^53.
    buffer.writeUInt32BE(Math.floor(contentLength / 2 ** 32), at + 4);
    buffer.writeUInt32BE(contentLength >>> 0, at + 8);
    return buffer;
  }
}

/** Writes the frame IV (sequence number, left-padded to 12 bytes) into `target`. */
export function writeFrameIv(target: Buffer, offset: number, sequenceNumber: number): void {
  target.fill(0, offset, offset + 8);
  target.writeUInt32BE(sequenceNumber, offset + 8);
}

export function readUInt64BE(buffer: Buffer, offset: number): number {
  return buffer.readUInt32BE(offset) * 2 ** 32 + buffer.readUInt32BE(offset + 4);
}

export function writeUInt64BE(buffer: Buffer, value: number, offset: number): void {
  buffer.writeUInt32BE(Math.floor(value / 2 ** 32), offset);
  buffer.writeUInt32BE(value >>> 0, offset + 4);
}

/** Size of a framed body for `plaintextLength` bytes, with the final frame carrying a full frame on exact multiples. */
export function framedBodyLength(plaintextLength: number, frameLength: number): number {
  const regularFrames = plaintextLength === 0 ? 0 : Math.ceil(plaintextLength / frameLength) - 1;
  const finalContent = plaintextLength - regularFrames * frameLength;
  return regularFrames * (REGULAR_FRAME_OVERHEAD + frameLength) + FINAL_FRAME_OVERHEAD + finalContent;
}
