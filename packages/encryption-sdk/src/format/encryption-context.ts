/**
 * Encryption context serialization (specification framework/structures.md
 * "Serialization"): empty context → zero bytes; otherwise UInt16 count, then
 * (UInt16 keyLength, key, UInt16 valueLength, value) pairs sorted by the
 * UTF-8 bytes of the key. This form (without the header's 2-byte length
 * prefix) is also the raw AES keyring's AAD and the caching CMM's cache-key input.
 */
import type { EncryptionContext } from '../materials.ts';
import { InvalidArgumentError, MalformedMessageError } from '../errors.ts';

const UINT16_MAX = 0xffff;

/** Reserved prefix: callers may not use it; the default CMM adds aws-crypto-public-key. */
export const RESERVED_CONTEXT_PREFIX = 'aws-crypto-';
export const PUBLIC_KEY_CONTEXT_KEY = 'aws-crypto-public-key';

export function serializeEncryptionContext(context: EncryptionContext): Buffer {
  const entries = Object.entries(context).map(([key, value]) => {
    if (typeof value !== 'string') throw new InvalidArgumentError(`Encryption context value for "${key}" must be a string`);
    return [Buffer.from(key, 'utf8'), Buffer.from(value, 'utf8')] as const;
  });
  if (entries.length === 0) return Buffer.alloc(0);
  if (entries.length > UINT16_MAX) throw new InvalidArgumentError('Encryption context has too many entries');
  entries.sort((a, b) => Buffer.compare(a[0], b[0]));
  let size = 2;
  for (const [key, value] of entries) {
    if (key.length > UINT16_MAX || value.length > UINT16_MAX) throw new InvalidArgumentError('Encryption context key or value is longer than 65535 bytes');
    size += 4 + key.length + value.length;
  }
  const out = Buffer.allocUnsafe(size);
  let offset = out.writeUInt16BE(entries.length, 0);
  for (const [key, value] of entries) {
    offset = out.writeUInt16BE(key.length, offset);
    offset += key.copy(out, offset);
    offset = out.writeUInt16BE(value.length, offset);
    offset += value.copy(out, offset);
  }
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new MalformedMessageError(`Encryption context ${what} is not valid UTF-8`);
  }
}

/** Parses the serialized form (the bytes after the header's AAD length). */
export function parseEncryptionContext(bytes: Uint8Array): Record<string, string> {
  const context: Record<string, string> = {};
  if (bytes.length === 0) return context;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (): never => {
    throw new MalformedMessageError('Malformed encryption context in the message header');
  };
  if (view.length < 2) fail();
  const count = view.readUInt16BE(0);
  if (count === 0) fail();
  let offset = 2;
  for (let i = 0; i < count; i++) {
    if (offset + 2 > view.length) fail();
    const keyLength = view.readUInt16BE(offset);
    offset += 2;
    if (offset + keyLength + 2 > view.length) fail();
    const key = decodeUtf8(view.subarray(offset, offset + keyLength), 'key');
    offset += keyLength;
    const valueLength = view.readUInt16BE(offset);
    offset += 2;
    if (offset + valueLength > view.length) fail();
    const value = decodeUtf8(view.subarray(offset, offset + valueLength), 'value');
    offset += valueLength;
    if (Object.hasOwn(context, key)) throw new MalformedMessageError('Duplicate key in the message encryption context');
    // defineProperty, so that a key named "__proto__" stays an ordinary pair.
    Object.defineProperty(context, key, { value, enumerable: true, writable: true, configurable: true });
  }
  if (offset !== view.length) fail();
  return context;
}

/** A plain copy of the pairs whose keys are listed. */
export function pickContext(context: EncryptionContext, keys: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    if (Object.hasOwn(context, key)) Object.defineProperty(picked, key, { value: context[key], enumerable: true, writable: true, configurable: true });
  }
  return picked;
}

/** Rejects non-string values and the reserved aws-crypto- prefix in a caller's context. */
export function validateCallerContext(context: unknown): Record<string, string> {
  if (context === undefined || context === null) return {};
  if (typeof context !== 'object' || Array.isArray(context)) throw new InvalidArgumentError('encryptionContext must be an object of string pairs');
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value !== 'string') throw new InvalidArgumentError(`Encryption context value for "${key}" must be a string`);
    if (key.startsWith(RESERVED_CONTEXT_PREFIX)) throw new InvalidArgumentError(`Encryption context keys starting with "${RESERVED_CONTEXT_PREFIX}" are reserved`);
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
