/**
 * Verifies a parsed SigV4 signature: freshness, credential scope, then the
 * signature itself over the canonical request.
 */
import { constantTimeEqual, hmacSha256, sha256Hex } from '../../crypto/primitives.ts';
import {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  formatAmzDate,
  hashCanonicalRequest,
} from './canonical.ts';
import { SigV4Error } from './sigv4-error.ts';
import { defaultSigningKeyCache, type SigningKeyCache } from './signing-key.ts';
import type { ParsedSigV4, SigV4Request } from './types.ts';
import { MAX_SKEW_MS, SCOPE_TERMINATOR, UNSIGNED_PAYLOAD } from './types.ts';

export interface VerifyOptions {
  /** Derived-key cache; the process-wide one by default. */
  cache?: SigningKeyCache;
  /** The signing name the route expects (e.g. "kms"); a scope naming another service is refused. */
  expectedService?: string;
  /** Refuse scopes for any other region. */
  expectedRegion?: string;
}

/**
 * The one place signatures are compared. An object only so that tests can
 * observe that the comparison goes through constantTimeEqual.
 */
export const signatureComparison = { equal: constantTimeEqual };

const SKEW_MINUTES = MAX_SKEW_MS / 60_000;
const REGION_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * The checks that need no secret: request time against the server's clock
 * and the credential scope. verifySigV4 runs them too; the lead may call this
 * first so that an expired request is reported as such before the key lookup,
 * as AWS does.
 */
export function prevalidateSigV4(parsed: ParsedSigV4, now: Date, options: VerifyOptions = {}): void {
  checkTime(parsed, now);
  checkScope(parsed, options);
}

export function verifySigV4(parsed: ParsedSigV4, req: SigV4Request, secretAccessKey: string, now: Date, options: VerifyOptions = {}): void {
  prevalidateSigV4(parsed, now, options);
  const s3 = parsed.service === 's3';
  const canonicalRequest = buildCanonicalRequest({
    method: req.method,
    uri: canonicalUri(req.rawPath, s3),
    query: canonicalQuery(req.rawQuery),
    headers: canonicalHeaders(req, parsed.signedHeaders),
    signedHeaders: parsed.signedHeaders,
    payloadHash: payloadHash(parsed, req, s3),
  });
  const stringToSign = buildStringToSign(parsed.amzDate, parsed.scope, hashCanonicalRequest(canonicalRequest));
  const key = (options.cache ?? defaultSigningKeyCache).get(secretAccessKey, parsed.scopeDate, parsed.region, parsed.service);
  const expected = Buffer.from(hmacSha256(key, stringToSign).toString('hex'), 'latin1');
  if (!signatureComparison.equal(expected, Buffer.from(parsed.signature, 'latin1'))) {
    throw new SigV4Error(
      'signature-mismatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      { canonicalRequest, stringToSign },
    );
  }
}

function checkTime(parsed: ParsedSigV4, now: Date): void {
  const requestMs = parsed.requestTime.getTime();
  const nowMs = now.getTime();
  if (requestMs > nowMs + MAX_SKEW_MS) {
    const latest = formatAmzDate(new Date(nowMs + MAX_SKEW_MS));
    throw new SigV4Error(
      'signature-not-yet-current',
      `Signature not yet current: ${parsed.amzDate} is still later than ${latest} (${formatAmzDate(now)} + ${SKEW_MINUTES} min.)`,
      timeDetails(parsed, now),
    );
  }
  if (parsed.location === 'query' && parsed.expiresSeconds !== undefined) {
    const expiresMs = requestMs + parsed.expiresSeconds * 1000;
    if (nowMs > expiresMs) {
      throw new SigV4Error('presigned-expired', 'Request has expired.', { ...timeDetails(parsed, now), expiresAt: formatAmzDate(new Date(expiresMs)) });
    }
    return;
  }
  if (requestMs < nowMs - MAX_SKEW_MS) {
    const earliest = formatAmzDate(new Date(nowMs - MAX_SKEW_MS));
    throw new SigV4Error(
      'signature-expired',
      `Signature expired: ${parsed.amzDate} is now earlier than ${earliest} (${formatAmzDate(now)} - ${SKEW_MINUTES} min.)`,
      timeDetails(parsed, now),
    );
  }
}

/** Not a closure in checkTime: that would be allocated (and, in the bundle, named) on every request. */
function timeDetails(parsed: ParsedSigV4, now: Date) {
  return { requestTime: parsed.amzDate, serverTime: formatAmzDate(now), skewMinutes: SKEW_MINUTES };
}

function checkScope(parsed: ParsedSigV4, options: VerifyOptions): void {
  const problems: string[] = [];
  if (!REGION_NAME.test(parsed.region) || (options.expectedRegion !== undefined && parsed.region !== options.expectedRegion)) {
    problems.push(`Credential should be scoped to a valid region, not '${parsed.region}'.`);
  }
  if (options.expectedService !== undefined && parsed.service !== options.expectedService) {
    problems.push(`Credential should be scoped to correct service: '${options.expectedService}'.`);
  }
  if (parsed.terminator !== SCOPE_TERMINATOR) {
    problems.push(`Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${parsed.terminator}'.`);
  }
  const requestDay = parsed.amzDate.slice(0, 8);
  if (parsed.scopeDate !== requestDay) {
    problems.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scopeDate}' != '${requestDay}', from '${parsed.amzDate}'.`,
    );
  }
  if (problems.length > 0) throw new SigV4Error('invalid-scope', problems.join(' '), { problems });
}

/**
 * Services other than S3 always sign the hash of the body as received, so a
 * client that claims another hash in x-amz-content-sha256 (or
 * UNSIGNED-PAYLOAD) fails the comparison. S3 signs the header's value
 * (streaming chunk signatures are not supported yet).
 */
function payloadHash(parsed: ParsedSigV4, req: SigV4Request, s3: boolean): string {
  if (!s3) return sha256Hex(req.body);
  const claimed = parsed.payloadHash;
  if (claimed === UNSIGNED_PAYLOAD) return UNSIGNED_PAYLOAD;
  if (claimed === undefined) return parsed.location === 'query' ? UNSIGNED_PAYLOAD : sha256Hex(req.body);
  if (!SHA256_HEX.test(claimed)) {
    const message = `x-amz-content-sha256 must be ${UNSIGNED_PAYLOAD} or a valid sha256 value.`;
    throw new SigV4Error('incomplete-signature', message, { problems: [message] });
  }
  // The signature covers the claimed hash; the body must then be the one it names.
  if (claimed.toLowerCase() !== sha256Hex(req.body)) {
    throw new SigV4Error('signature-mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  return claimed;
}
