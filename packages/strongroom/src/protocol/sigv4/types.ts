/**
 * Shapes shared by the SigV4 parser, verifier and signer.
 */
import type { IncomingHttpHeaders } from 'node:http';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const SCOPE_TERMINATOR = 'aws4_request';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** Clock skew allowed for header authentication, either direction. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** Longest X-Amz-Expires a presigned request may carry (seven days). */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604800;

export interface SigV4Request {
  method: string;
  /** The path as sent, still percent-encoded, without the query. */
  rawPath: string;
  /** The query as sent, without '?'. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /**
   * node:http's `req.rawHeaders`, when available. Node joins repeated headers
   * with ", " (and drops repeats of some), while SigV4 joins the trimmed values
   * with ","; with rawHeaders the canonical headers are exact.
   */
  rawHeaders?: readonly string[];
  body: Buffer;
}

export interface ParsedSigV4 {
  /** Where the signature was found. */
  location: 'header' | 'query';
  accessKeyId: string;
  /** The credential scope: date/region/service/terminator. */
  scope: string;
  /** The YYYYMMDD date of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** Lower-cased header names, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
  /** Request time from X-Amz-Date (header or query) or the Date header. */
  requestTime: Date;
  /** The request time in ISO 8601 basic format, as it enters the string to sign. */
  amzDate: string;
  sessionToken?: string;
  /** x-amz-content-sha256 as sent (UNSIGNED-PAYLOAD or a hex digest), if any. */
  payloadHash?: string;
  /** X-Amz-Expires of a presigned request, in seconds. */
  expiresSeconds?: number;
}
