/**
 * A small SigV4 signer for our own tests and the benchmark's replay mode. It
 * uses the verifier's canonicalisation (canonical.ts), so the two cannot
 * drift apart; sigv4-interop.test.ts checks both against @smithy/signature-v4.
 */
import { hmacSha256, sha256Hex } from '../../crypto/primitives.ts';
import {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  formatAmzDate,
  hashCanonicalRequest,
  uriEncode,
} from './canonical.ts';
import { defaultSigningKeyCache, type SigningKeyCache } from './signing-key.ts';
import type { SigV4Request } from './types.ts';
import { ALGORITHM, MAX_PRESIGNED_EXPIRES_SECONDS, SCOPE_TERMINATOR, UNSIGNED_PAYLOAD } from './types.ts';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignOptions {
  credentials: SigningCredentials;
  region: string;
  /** Signing name, e.g. "kms", "sts". */
  service: string;
  /** The signing time. */
  time: Date;
  /** Sign into the query string (a presigned request) valid for this many seconds, instead of the Authorization header. */
  presignExpiresSeconds?: number;
  /** Lower-case names of the headers to sign; by default every header present (presigned: host only). */
  signedHeaders?: readonly string[];
  /** S3 only: the payload hash to claim, UNSIGNED-PAYLOAD or a hex SHA-256. */
  payloadHash?: string;
  cache?: SigningKeyCache;
}

/** The signed request: the input with its headers (lower-cased names) and query completed. */
export interface SignedRequest extends SigV4Request {
  headers: Record<string, string>;
}

// Headers that proxies may add, drop or rewrite.
const UNSIGNED_HEADERS = new Set(['authorization', 'connection', 'expect', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id']);

export function signRequest(req: SigV4Request, options: SignOptions): SignedRequest {
  const { credentials, region, service } = options;
  const s3 = service === 's3';
  const amzDate = formatAmzDate(options.time);
  const scope = `${amzDate.slice(0, 8)}/${region}/${service}/${SCOPE_TERMINATOR}`;
  const headers = copyHeaders(req);
  if (headers.host === undefined) throw new Error('signRequest needs a host header');
  const presign = options.presignExpiresSeconds;

  const payloadHash = s3 ? (options.payloadHash ?? (presign === undefined ? sha256Hex(req.body) : UNSIGNED_PAYLOAD)) : sha256Hex(req.body);
  let rawQuery = req.rawQuery;
  let signedHeaders: string[];

  if (presign === undefined) {
    headers['x-amz-date'] = amzDate;
    if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
    if (s3) headers['x-amz-content-sha256'] = payloadHash;
    signedHeaders = options.signedHeaders ? [...options.signedHeaders] : Object.keys(headers).filter((name) => !UNSIGNED_HEADERS.has(name)).sort();
  } else {
    if (!Number.isInteger(presign) || presign < 0 || presign > MAX_PRESIGNED_EXPIRES_SECONDS) throw new RangeError('presignExpiresSeconds must be 0..604800');
    signedHeaders = options.signedHeaders ? [...options.signedHeaders] : ['host'];
    const params: Array<[string, string]> = [
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
      ['X-Amz-Date', amzDate],
      ['X-Amz-Expires', String(presign)],
      ['X-Amz-SignedHeaders', signedHeaders.join(';')],
    ];
    if (credentials.sessionToken) params.push(['X-Amz-Security-Token', credentials.sessionToken]);
    if (s3 && options.payloadHash !== undefined) params.push(['X-Amz-Content-Sha256', options.payloadHash]);
    rawQuery = appendQuery(rawQuery, params);
  }

  const canonicalRequest = buildCanonicalRequest({
    method: req.method,
    uri: canonicalUri(req.rawPath, s3),
    query: canonicalQuery(rawQuery),
    headers: canonicalHeaders({ headers }, signedHeaders),
    signedHeaders,
    payloadHash,
  });
  const stringToSign = buildStringToSign(amzDate, scope, hashCanonicalRequest(canonicalRequest));
  const key = (options.cache ?? defaultSigningKeyCache).get(credentials.secretAccessKey, amzDate.slice(0, 8), region, service);
  const signature = hmacSha256(key, stringToSign).toString('hex');

  if (presign === undefined) {
    headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  } else {
    rawQuery = appendQuery(rawQuery, [['X-Amz-Signature', signature]]);
  }
  return { method: req.method, rawPath: req.rawPath, rawQuery, headers, body: req.body };
}

function copyHeaders(req: SigV4Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-amz-date' || lower === 'date') continue;
    out[lower] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}

function appendQuery(rawQuery: string, params: Array<[string, string]>): string {
  const added = params.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join('&');
  return rawQuery === '' ? added : `${rawQuery}&${added}`;
}
