/**
 * Reads the SigV4 authentication of a request, from the Authorization header
 * or from a presigned query string, without the secret: the router needs the
 * scope (region, service) before anything is verified. The order of the
 * checks follows the order in which AWS reports problems.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SigV4Error } from './sigv4-error.ts';
import { formatAmzDate, parseAmzDate, parseDateHeader, percentDecode } from './canonical.ts';
import type { ParsedSigV4, SigV4Request } from './types.ts';
import { ALGORITHM, MAX_PRESIGNED_EXPIRES_SECONDS } from './types.ts';

const HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
const QUERY_AUTH_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'] as const;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : String(first);
}

/** First value of each X-Amz-* parameter (and the content hash, any case), decoded. */
function authQueryParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  if (rawQuery === '') return params;
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    let name = eq < 0 ? part : part.slice(0, eq);
    if (name.includes('%')) name = percentDecode(name);
    if (!name.startsWith('X-Amz-') && !name.startsWith('x-amz-')) continue;
    if (name.toLowerCase() === 'x-amz-content-sha256') name = 'X-Amz-Content-Sha256';
    if (!params.has(name)) params.set(name, eq < 0 ? '' : percentDecode(part.slice(eq + 1)));
  }
  return params;
}

export function parseSigV4(req: SigV4Request): ParsedSigV4 {
  const authorization = header(req.headers, 'authorization');
  const query = authQueryParams(req.rawQuery);
  const queryAuth = query.has('X-Amz-Algorithm');
  if (authorization !== undefined && queryAuth) {
    throw new SigV4Error('conflicting-authentication', "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  if (authorization !== undefined) return parseHeaderAuth(authorization, req);
  if (queryAuth) return parseQueryAuth(query, req);
  throw new SigV4Error('missing-authentication', 'Missing Authentication Token');
}

function parseHeaderAuth(rawAuthorization: string, req: SigV4Request): ParsedSigV4 {
  const authorization = rawAuthorization.trim();
  const space = authorization.search(/[ \t]/);
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  const params = new Map<string, string>();
  for (const token of (space < 0 ? '' : authorization.slice(space + 1)).split(/[ \t,]+/)) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    if (eq < 0) {
      // Other schemes (SigV2's "AWS key:sig", bearer tokens) just lack the SigV4 parameters.
      if (algorithm !== ALGORITHM) continue;
      const message = `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`;
      throw new SigV4Error('incomplete-signature', message, { authorization, problems: [message] });
    }
    params.set(token.slice(0, eq), token.slice(eq + 1));
  }

  const problems: string[] = [];
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(name)) problems.push(`Authorization header requires '${name}' parameter.`);
  }
  const amzDate = header(req.headers, 'x-amz-date');
  const dateHeader = header(req.headers, 'date');
  if (amzDate === undefined && dateHeader === undefined) {
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (problems.length > 0) {
    throw new SigV4Error('incomplete-signature', `${problems.join(' ')} Authorization=${authorization}`, { authorization, problems });
  }
  if (algorithm !== ALGORITHM) throw unsupportedAlgorithm(algorithm);

  const signedHeaders = splitSignedHeaders(params.get('SignedHeaders')!);
  const rawDate = (amzDate ?? dateHeader)!;
  const requestTime = amzDate !== undefined ? parseAmzDate(amzDate) : parseDateHeader(dateHeader!);
  if (!requestTime) throw invalidDate(rawDate);

  return {
    location: 'header',
    ...splitCredential(params.get('Credential')!),
    signedHeaders,
    signature: params.get('Signature')!,
    requestTime,
    amzDate: amzDate ?? formatAmzDate(requestTime),
    sessionToken: header(req.headers, 'x-amz-security-token'),
    payloadHash: header(req.headers, 'x-amz-content-sha256'),
  };
}

function parseQueryAuth(query: Map<string, string>, req: SigV4Request): ParsedSigV4 {
  const algorithm = query.get('X-Amz-Algorithm');
  if (algorithm && algorithm !== ALGORITHM) throw new SigV4Error('missing-authentication', 'Missing Authentication Token');
  const problems = QUERY_AUTH_PARAMS.filter((name) => !query.get(name)).map((name) => `AWS query-string parameters must include '${name}'.`);
  if (problems.length > 0) {
    throw new SigV4Error('incomplete-signature', `${problems.join(' ')} Re-examine the query-string parameters.`, { problems });
  }

  const signedHeaders = splitSignedHeaders(query.get('X-Amz-SignedHeaders')!);
  const amzDate = query.get('X-Amz-Date')!;
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) throw invalidDate(amzDate);

  let expiresSeconds: number | undefined;
  const expires = query.get('X-Amz-Expires');
  if (expires !== undefined) {
    if (!/^\d{1,15}$/.test(expires)) throw incomplete('X-Amz-Expires should be a number');
    expiresSeconds = Number(expires);
    if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
      throw incomplete(`X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGNED_EXPIRES_SECONDS} seconds`);
    }
  }

  return {
    location: 'query',
    ...splitCredential(query.get('X-Amz-Credential')!),
    signedHeaders,
    signature: query.get('X-Amz-Signature')!,
    requestTime,
    amzDate,
    sessionToken: query.get('X-Amz-Security-Token') || header(req.headers, 'x-amz-security-token'),
    payloadHash: query.get('X-Amz-Content-Sha256') || header(req.headers, 'x-amz-content-sha256'),
    expiresSeconds,
  };
}

/**
 * A client sends the same Credential and SignedHeaders values on request after
 * request; their split forms are remembered (a small bounded memo, valid
 * values only) so the hot path does not split, trim and lower-case them anew.
 * The results are shared: treat them as read-only.
 */
const MEMO_LIMIT = 256;
const signedHeadersMemo = new Map<string, string[]>();
const credentialMemo = new Map<string, CredentialParts>();

function memoized<T>(memo: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute(key);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
  }
  return value;
}

function splitSignedHeaders(value: string): string[] {
  return memoized(signedHeadersMemo, value, splitSignedHeadersOnce);
}

function splitSignedHeadersOnce(value: string): string[] {
  const names = value.split(';').map((name) => name.trim().toLowerCase());
  if (!names.includes('host') && !names.includes(':authority')) throw new SigV4Error('host-not-signed', HOST_NOT_SIGNED);
  return names;
}

type CredentialParts = Pick<ParsedSigV4, 'accessKeyId' | 'scope' | 'scopeDate' | 'region' | 'service' | 'terminator'>;

function splitCredential(credential: string): CredentialParts {
  return memoized(credentialMemo, credential, splitCredentialOnce);
}

function splitCredentialOnce(credential: string): CredentialParts {
  // AWS ignores trailing slashes here.
  const parts = credential.replace(/\/+$/, '').split('/');
  if (parts.length !== 5) {
    throw incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  return { accessKeyId, scope: parts.slice(1).join('/'), scopeDate, region, service, terminator };
}

function incomplete(message: string): SigV4Error {
  return new SigV4Error('incomplete-signature', message, { problems: [message] });
}

function unsupportedAlgorithm(algorithm: string): SigV4Error {
  const message = `Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `;
  return new SigV4Error('incomplete-signature', message, { algorithm, problems: [message] });
}

function invalidDate(value: string): SigV4Error {
  return new SigV4Error('invalid-date', `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
}
