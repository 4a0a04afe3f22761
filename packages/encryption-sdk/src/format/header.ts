/**
 * Message header, versions 1 and 2 (specification data-format/message-header.md).
 *
 * v1: version 01 ‖ type 80 ‖ suite(2) ‖ messageId(16) ‖ AAD ‖ EDKs ‖ contentType(1)
 *     ‖ reserved 00000000 ‖ ivLength 0C ‖ frameLength(4), then auth IV(12) ‖ tag(16)
 * v2: version 02 ‖ suite(2) ‖ messageId(32) ‖ AAD ‖ EDKs ‖ contentType(1)
 *     ‖ frameLength(4) ‖ suiteData(32 = commit key), then auth tag(16)
 */
import type { AlgorithmSuite } from '../suites.ts';
import { suiteById, SUITE_IV_BYTES, SUITE_TAG_BYTES, COMMIT_KEY_BYTES } from '../suites.ts';
import type { EncryptedDataKey } from '../materials.ts';
import { MalformedMessageError, TooManyEncryptedDataKeysError, UnsupportedAlgorithmSuiteError, InvalidArgumentError } from '../errors.ts';
import { parseEncryptionContext, serializeEncryptionContext } from './encryption-context.ts';

export const CONTENT_TYPE_NON_FRAMED = 1;
export const CONTENT_TYPE_FRAMED = 2;
const V1_TYPE_CUSTOMER_AED = 0x80;
const UINT16_MAX = 0xffff;

export interface MessageHeader {
  readonly version: 1 | 2;
  /** v1 only: 0x80. */
  readonly type?: number;
  readonly suiteId: number;
  readonly messageId: Buffer;
  /** The context stored in the header (without any required-context pairs). */
  readonly encryptionContext: Readonly<Record<string, string>>;
  readonly encryptedDataKeys: readonly EncryptedDataKey[];
  readonly contentType: 1 | 2;
  /** v1 only: 12. */
  readonly headerIvLength?: number;
  /** 0 for non-framed bodies. */
  readonly frameLength: number;
  /** v2 only: the commit key. */
  readonly suiteData?: Buffer;
}

export function messageIdLength(version: 1 | 2): number {
  return version === 1 ? 16 : 32;
}

/** Bytes that follow the header body: v1 IV ‖ tag, v2 tag. */
export function headerAuthLength(version: 1 | 2): number {
  return version === 1 ? SUITE_IV_BYTES + SUITE_TAG_BYTES : SUITE_TAG_BYTES;
}

function serializeEdk(edk: EncryptedDataKey): Buffer {
  const id = Buffer.from(edk.providerId, 'utf8');
  const { providerInfo: info, ciphertext } = edk;
  if (id.length > UINT16_MAX || info.length > UINT16_MAX || ciphertext.length > UINT16_MAX) {
    throw new InvalidArgumentError('An encrypted data key field is longer than 65535 bytes');
  }
  const out = Buffer.allocUnsafe(6 + id.length + info.length + ciphertext.length);
  let offset = out.writeUInt16BE(id.length, 0);
  offset += id.copy(out, offset);
  offset = out.writeUInt16BE(info.length, offset);
  out.set(info, offset);
  offset = out.writeUInt16BE(ciphertext.length, offset + info.length);
  out.set(ciphertext, offset);
  return out;
}

/** One EDK in the header's wire form (also the caching CMM's cache-key input). */
export const serializeEncryptedDataKey = serializeEdk;

/** The header body: everything the header authentication tag covers. */
export function serializeHeaderBody(header: MessageHeader): Buffer {
  const v1 = header.version === 1;
  const context = serializeEncryptionContext(header.encryptionContext);
  if (context.length > UINT16_MAX) throw new InvalidArgumentError('The serialized encryption context is longer than 65535 bytes');
  if (header.encryptedDataKeys.length === 0 || header.encryptedDataKeys.length > UINT16_MAX) {
    throw new InvalidArgumentError('A message needs between 1 and 65535 encrypted data keys');
  }
  const edks = header.encryptedDataKeys.map(serializeEdk);
  const parts: Buffer[] = [];
  const start = Buffer.allocUnsafe(v1 ? 4 : 3);
  if (v1) {
    start[0] = 1;
    start[1] = V1_TYPE_CUSTOMER_AED;
    start.writeUInt16BE(header.suiteId, 2);
  } else {
    start[0] = 2;
    start.writeUInt16BE(header.suiteId, 1);
  }
  parts.push(start, header.messageId);
  const aadLength = Buffer.allocUnsafe(2);
  aadLength.writeUInt16BE(context.length, 0);
  parts.push(aadLength, context);
  const edkCount = Buffer.allocUnsafe(2);
  edkCount.writeUInt16BE(edks.length, 0);
  parts.push(edkCount, ...edks);
  if (v1) {
    const tail = Buffer.alloc(10);
    tail[0] = header.contentType;
    // bytes 1..4 reserved zeros
    tail[5] = SUITE_IV_BYTES;
    tail.writeUInt32BE(header.frameLength, 6);
    parts.push(tail);
  } else {
    const tail = Buffer.allocUnsafe(5);
    tail[0] = header.contentType;
    tail.writeUInt32BE(header.frameLength, 1);
    parts.push(tail, header.suiteData!);
  }
  return Buffer.concat(parts);
}

export interface ParsedHeader {
  readonly header: MessageHeader;
  readonly suite: AlgorithmSuite;
  /** The serialized header body (a view into the input). */
  readonly body: Buffer;
  /** v1: the serialized IV; v2: 12 zero bytes. */
  readonly authIv: Buffer;
  readonly authTag: Buffer;
  /** Header body + authentication bytes. */
  readonly length: number;
}

export interface HeaderParseOptions {
  /** Stop as soon as the EDK count exceeds this. */
  readonly maxEncryptedDataKeys?: number;
  /** When more bytes are needed: told how many the input must have at least before a retry can get further. */
  readonly onNeedMore?: (minimumLength: number) => void;
}

class NeedMoreBytes {
  minimumLength = 0;
}
const NEED_MORE = new NeedMoreBytes();

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const ZERO_IV = Buffer.alloc(SUITE_IV_BYTES);

/**
 * Parses a header from the start of `bytes`. Returns undefined when more bytes
 * are needed; throws as soon as the available bytes are known to be invalid
 * (so an EDK count above the limit fails before the EDKs arrive).
 */
export function parseHeader(bytes: Buffer, options: HeaderParseOptions = {}): ParsedHeader | undefined {
  let offset = 0;
  const need = (n: number): void => {
    if (offset + n > bytes.length) {
      NEED_MORE.minimumLength = offset + n;
      throw NEED_MORE;
    }
  };
  const u8 = (): number => {
    need(1);
    return bytes[offset++];
  };
  const u16 = (): number => {
    need(2);
    const value = bytes.readUInt16BE(offset);
    offset += 2;
    return value;
  };
  const u32 = (): number => {
    need(4);
    const value = bytes.readUInt32BE(offset);
    offset += 4;
    return value;
  };
  const take = (n: number): Buffer => {
    need(n);
    const view = bytes.subarray(offset, offset + n);
    offset += n;
    return view;
  };
  try {
    const version = u8();
    if (version !== 1 && version !== 2) {
      // "AY" is base64 of 01 80 (a v1 header), "Ag" of 02 (a v2 header).
      if (version === 0x41 && (bytes.length < 2 || bytes[1] === 0x59 || bytes[1] === 0x67)) {
        throw new MalformedMessageError('Malformed message: the ciphertext looks base64-encoded; decode it before decrypting');
      }
      throw new MalformedMessageError(`Malformed message: unsupported message format version ${version}`);
    }
    if (version === 1) {
      const type = u8();
      if (type !== V1_TYPE_CUSTOMER_AED) throw new MalformedMessageError(`Malformed message: unsupported message type 0x${type.toString(16)}`);
    }
    const suiteId = u16();
    const suite = suiteById(suiteId);
    if (!suite) throw new UnsupportedAlgorithmSuiteError(`Unsupported algorithm suite 0x${suiteId.toString(16).padStart(4, '0')}`);
    if (suite.messageFormatVersion !== version) {
      throw new MalformedMessageError(`Malformed message: algorithm suite 0x${suiteId.toString(16).padStart(4, '0')} cannot appear in a version ${version} header`);
    }
    const messageId = take(messageIdLength(version));
    const contextLength = u16();
    const encryptionContext = parseEncryptionContext(take(contextLength));
    const edkCount = u16();
    if (edkCount === 0) throw new MalformedMessageError('Malformed message: the header has no encrypted data keys');
    if (options.maxEncryptedDataKeys !== undefined && edkCount > options.maxEncryptedDataKeys) {
      throw new TooManyEncryptedDataKeysError(edkCount, options.maxEncryptedDataKeys);
    }
    const encryptedDataKeys: EncryptedDataKey[] = [];
    for (let i = 0; i < edkCount; i++) {
      const idBytes = take(u16());
      let providerId: string;
      try {
        providerId = strictUtf8.decode(idBytes);
      } catch {
        throw new MalformedMessageError('Malformed message: an encrypted data key provider ID is not valid UTF-8');
      }
      const providerInfo = Buffer.from(take(u16()));
      const ciphertext = Buffer.from(take(u16()));
      encryptedDataKeys.push(Object.freeze({ providerId, providerInfo, ciphertext }));
    }
    const contentType = u8();
    if (contentType !== CONTENT_TYPE_NON_FRAMED && contentType !== CONTENT_TYPE_FRAMED) {
      throw new MalformedMessageError(`Malformed message: unknown content type ${contentType}`);
    }
    let frameLength: number;
    let suiteData: Buffer | undefined;
    if (version === 1) {
      if (u32() !== 0) throw new MalformedMessageError('Malformed message: the reserved header bytes are not zero');
      const ivLength = u8();
      if (ivLength !== SUITE_IV_BYTES) throw new MalformedMessageError(`Malformed message: header IV length ${ivLength} does not match the algorithm suite`);
      frameLength = u32();
    } else {
      frameLength = u32();
      suiteData = Buffer.from(take(COMMIT_KEY_BYTES));
    }
    if (contentType === CONTENT_TYPE_NON_FRAMED && frameLength !== 0) throw new MalformedMessageError('Malformed message: a non-framed message must have frame length 0');
    if (contentType === CONTENT_TYPE_FRAMED && frameLength === 0) throw new MalformedMessageError('Malformed message: a framed message must have a frame length above 0');
    const bodyLength = offset;
    const authIv = version === 1 ? Buffer.from(take(SUITE_IV_BYTES)) : ZERO_IV;
    const authTag = Buffer.from(take(SUITE_TAG_BYTES));
    const header: MessageHeader = Object.freeze({
      version,
      ...(version === 1 ? { type: V1_TYPE_CUSTOMER_AED } : {}),
      suiteId,
      messageId: Buffer.from(messageId),
      encryptionContext: Object.freeze(encryptionContext),
      encryptedDataKeys: Object.freeze(encryptedDataKeys),
      contentType: contentType as 1 | 2,
      ...(version === 1 ? { headerIvLength: SUITE_IV_BYTES } : {}),
      frameLength,
      ...(suiteData ? { suiteData } : {}),
    });
    return { header, suite, body: bytes.subarray(0, bodyLength), authIv, authTag, length: offset };
  } catch (error) {
    if (error === NEED_MORE) {
      options.onNeedMore?.(NEED_MORE.minimumLength);
      return undefined;
    }
    throw error;
  }
}
