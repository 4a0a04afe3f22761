/** Scalar conversions shared by the protocol codecs. */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode standard base64 (padding optional); undefined when the text is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length % 4 === 1 || !BASE64.test(text)) return undefined;
  const pad = text.indexOf('=');
  if (pad !== -1 && pad < text.length - 2) return undefined;
  return Buffer.from(text, 'base64');
}

export function encodeBase64(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return bytes; // already encoded by the handler
  return Buffer.isBuffer(bytes) ? bytes.toString('base64') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A handler's timestamp (a Date, epoch seconds as a number, or ISO text) as a Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  return new Date(String(value));
}

/**
 * ISO 8601 in UTC as AWS's XML protocols write it: whole seconds without a
 * fraction (`2019-11-09T13:34:41Z`, as STS and IAM return), milliseconds when
 * the time has them (`2010-07-27T22:28:28.123Z`, as CloudFormation returns).
 */
export function isoTimestamp(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** RFC 822 / IMF-fixdate, for members with timestampFormat rfc822. */
export function rfc822Timestamp(date: Date): string {
  return date.toUTCString();
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parse a request timestamp: ISO 8601 with a zone, or epoch seconds. Undefined when invalid. */
export function parseTimestamp(text: string): Date | undefined {
  if (ISO_8601.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return new Date(Number(text) * 1000);
  return undefined;
}
