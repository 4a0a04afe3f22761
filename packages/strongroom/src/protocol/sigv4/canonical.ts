/**
 * SigV4 canonicalisation, shared by the verifier and the signer so there is
 * exactly one implementation of it.
 *
 * Strings here are "wire strings": what node:http hands over, one character
 * per byte (request lines are ASCII; header values arrive latin1-decoded).
 * A character above U+00FF can only come from a caller building a request in
 * memory; such strings are taken as UTF-8.
 */
import { sha256Hex } from '../../crypto/primitives.ts';
import type { SigV4Request } from './types.ts';
import { ALGORITHM } from './types.ts';

const HEX = '0123456789ABCDEF';
const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const WIDE_CHAR = /[^\x00-\xff]/;

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e // - . _ ~
  );
}

function wireBytes(value: string): Buffer {
  return Buffer.from(value, WIDE_CHAR.test(value) ? 'utf8' : 'latin1');
}

function encodeBytes(bytes: ArrayLike<number>, keepSlash: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (isUnreserved(byte) || (keepSlash && byte === 0x2f)) out += String.fromCharCode(byte);
    else out += '%' + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}

/** RFC 3986 percent-encoding of a decoded (Unicode) value, as SigV4 wants it. */
export function uriEncode(value: string, keepSlash = false): string {
  if (ALL_UNRESERVED.test(value)) return value;
  return encodeBytes(Buffer.from(value, 'utf8'), keepSlash);
}

/**
 * Decodes %XX escapes of a wire string to bytes; anything that is not a valid
 * escape (a stray '%', '+') stays the literal character.
 */
function percentDecodeBytes(value: string): number[] {
  const raw = wireBytes(value);
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (byte === 0x25 && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      out.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
      i += 2;
    } else {
      out.push(byte);
    }
  }
  return out;
}

function isHex(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}

/** Decodes a wire query component to a Unicode string (for reading X-Amz-* parameters). */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  return Buffer.from(percentDecodeBytes(value)).toString('utf8');
}

/** Re-encodes a wire query component the canonical way: decode, then strict RFC 3986. */
function normalizeQueryComponent(value: string): string {
  if (ALL_UNRESERVED.test(value)) return value;
  return encodeBytes(percentDecodeBytes(value), false);
}

/**
 * The canonical URI. Services other than S3 remove empty, '.' and '..'
 * segments and encode the already-encoded path once more ("double
 * encoding"); S3 signs the path exactly as sent.
 */
export function canonicalUri(rawPath: string, s3: boolean): string {
  if (rawPath === '') return '/';
  if (s3) return rawPath;
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = rawPath.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  const normalized = leading + segments.join('/') + trailing;
  return encodeBytes(wireBytes(normalized), true);
}

/**
 * The canonical query string: every parameter re-encoded, sorted by encoded
 * name then encoded value, X-Amz-Signature left out. A name without '='
 * counts as an empty value.
 */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = normalizeQueryComponent(eq < 0 ? part : part.slice(0, eq));
    if (name.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([name, normalizeQueryComponent(eq < 0 ? '' : part.slice(eq + 1))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (const [name, value] of pairs) out += (out === '' ? '' : '&') + name + '=' + value;
  return out;
}

/** Trim, and collapse runs of spaces and tabs to one space (not String.trim: U+00A0 is a latin1 byte here). */
function canonicalHeaderValue(value: string): string {
  if (!NEEDS_TRIM.test(value)) return value;
  return value.replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

const NEEDS_TRIM = /^[ \t]|[ \t]$|[ \t]{2}|\t/;

/** Every value a header arrived with, in order. */
function headerValues(req: Pick<SigV4Request, 'headers' | 'rawHeaders'>, names: ReadonlySet<string>): Map<string, string[]> {
  const values = new Map<string, string[]>();
  if (req.rawHeaders) {
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i].toLowerCase();
      if (!names.has(name)) continue;
      const list = values.get(name);
      if (list) list.push(req.rawHeaders[i + 1]);
      else values.set(name, [req.rawHeaders[i + 1]]);
    }
    return values;
  }
  for (const name of names) {
    const value = req.headers[name];
    if (value === undefined) continue;
    values.set(name, Array.isArray(value) ? value : [String(value)]);
  }
  return values;
}

/** "name:value\n" for each signed header, in the order given; repeated values joined with ','. */
export function canonicalHeaders(req: Pick<SigV4Request, 'headers' | 'rawHeaders'>, signedHeaders: readonly string[]): string {
  const values = headerValues(req, new Set(signedHeaders));
  let out = '';
  for (const name of signedHeaders) {
    const list = values.get(name);
    out += name + ':' + (list ? list.map(canonicalHeaderValue).join(',') : '') + '\n';
  }
  return out;
}

export interface CanonicalParts {
  method: string;
  uri: string;
  query: string;
  headers: string;
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function buildCanonicalRequest(parts: CanonicalParts): string {
  return `${parts.method}\n${parts.uri}\n${parts.query}\n${parts.headers}\n${parts.signedHeaders.join(';')}\n${parts.payloadHash}`;
}

/** The canonical request as bytes: wire strings are one byte per character. */
export function canonicalRequestBytes(canonicalRequest: string): Buffer {
  return wireBytes(canonicalRequest);
}

const ASCII = /^[\x00-\x7f]*$/;

/** Hex SHA-256 of the canonical request; ASCII (the usual case) is hashed without a copy. */
export function hashCanonicalRequest(canonicalRequest: string): string {
  return sha256Hex(ASCII.test(canonicalRequest) ? canonicalRequest : wireBytes(canonicalRequest));
}

export function buildStringToSign(amzDate: string, scope: string, canonicalRequestHashHex: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${canonicalRequestHashHex}`;
}

/** 2026-01-01T00:00:00.123Z -> 20260101T000000Z (milliseconds dropped). */
export function formatAmzDate(date: Date): string {
  const iso = date.toISOString();
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + 'T' + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses an ISO 8601 basic UTC timestamp (20260101T000000Z); null when malformed or not a real date. */
export function parseAmzDate(value: string): Date | null {
  const m = AMZ_DATE.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]];
  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives unchanged.
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return real ? date : null;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** The Date header may carry either an ISO 8601 basic timestamp or an HTTP date (RFC 7231 IMF-fixdate). */
export function parseDateHeader(value: string): Date | null {
  const basic = parseAmzDate(value);
  if (basic) return basic;
  if (!HTTP_DATE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}
