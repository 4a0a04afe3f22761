import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { parseSigV4 } from './parse.ts';
import { SigV4Error, type SigV4ErrorKind } from './sigv4-error.ts';
import type { SigV4Request } from './types.ts';

const SIG = 'a'.repeat(64);
const CREDENTIAL = 'AKIDEXAMPLE/20260101/us-east-1/kms/aws4_request';
const AUTH = `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=${SIG}`;

function request(headers: IncomingHttpHeaders, rawQuery = ''): SigV4Request {
  return { method: 'POST', rawPath: '/', rawQuery, headers: { host: 'localhost', ...headers }, body: Buffer.alloc(0) };
}

function refusal(req: SigV4Request, kind: SigV4ErrorKind, message?: string): SigV4Error {
  let caught: unknown;
  try {
    parseSigV4(req);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof SigV4Error, `expected a SigV4Error, got ${String(caught)}`);
  assert.equal(caught.kind, kind);
  if (message !== undefined) assert.equal(caught.message, message);
  return caught;
}

test('parses an Authorization header', () => {
  const parsed = parseSigV4(
    request({ authorization: AUTH, 'x-amz-date': '20260101T000000Z', 'x-amz-security-token': 'tok', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }),
  );
  assert.deepEqual(parsed, {
    location: 'header',
    accessKeyId: 'AKIDEXAMPLE',
    scope: '20260101/us-east-1/kms/aws4_request',
    scopeDate: '20260101',
    region: 'us-east-1',
    service: 'kms',
    terminator: 'aws4_request',
    signedHeaders: ['host', 'x-amz-date'],
    signature: SIG,
    requestTime: new Date(Date.UTC(2026, 0, 1)),
    amzDate: '20260101T000000Z',
    sessionToken: 'tok',
    payloadHash: 'UNSIGNED-PAYLOAD',
  });
});

test('tolerates irregular spacing in the Authorization header and falls back to the Date header', () => {
  const parsed = parseSigV4(
    request({
      authorization: `  AWS4-HMAC-SHA256   Credential=${CREDENTIAL}/,SignedHeaders=Host;date ,  Signature=${SIG}`,
      date: 'Thu, 01 Jan 2026 00:00:05 GMT',
    }),
  );
  assert.equal(parsed.amzDate, '20260101T000005Z');
  assert.deepEqual(parsed.signedHeaders, ['host', 'date']);
  assert.equal(parsed.service, 'kms');
});

test('parses a presigned query string', () => {
  const query =
    'Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
    '&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20260101T120000Z' +
    `&X-Amz-Expires=900&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token=a%2Bb%2Fc%3D&X-Amz-Signature=${SIG}`;
  const parsed = parseSigV4({ ...request({}, query), method: 'GET' });
  assert.equal(parsed.location, 'query');
  assert.equal(parsed.accessKeyId, 'AKID');
  assert.equal(parsed.service, 'sts');
  assert.deepEqual(parsed.signedHeaders, ['host', 'x-k8s-aws-id']);
  assert.equal(parsed.expiresSeconds, 900);
  assert.equal(parsed.sessionToken, 'a+b/c=');
  assert.equal(parsed.requestTime.toISOString(), '2026-01-01T12:00:00.000Z');
});

test('no authentication at all', () => {
  refusal(request({}), 'missing-authentication');
  refusal(request({ authorization: '' }, 'Action=ListUsers'), 'missing-authentication');
  refusal(request({}, `X-Amz-Algorithm=AWS4-HMAC-SHA512&X-Amz-Signature=${SIG}`), 'missing-authentication');
});

test('both header and query authentication', () => {
  refusal(
    request({ authorization: AUTH, 'x-amz-date': '20260101T000000Z' }, 'X-Amz-Algorithm=AWS4-HMAC-SHA256'),
    'conflicting-authentication',
    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
  );
});

test('missing Authorization components are all named, with the header echoed', () => {
  const err = refusal(
    request({ authorization: 'a' }),
    'incomplete-signature',
    "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
      "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
      'Authorization=a',
  );
  assert.equal(err.details.problems?.length, 4);
  refusal(
    request({ authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host`, 'x-amz-date': '20260101T000000Z' }),
    'incomplete-signature',
    `Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host`,
  );
});

test('a parameter without "=" is refused', () => {
  const header = `AWS4-HMAC-SHA256 Credential= ${CREDENTIAL}, SignedHeaders=host, Signature=${SIG}`;
  refusal(
    request({ authorization: header, 'x-amz-date': '20260101T000000Z' }),
    'incomplete-signature',
    `'${CREDENTIAL}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
  );
});

test('an unsupported algorithm is refused', () => {
  refusal(
    request({ authorization: AUTH.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512'), 'x-amz-date': '20260101T000000Z' }),
    'incomplete-signature',
    "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
  );
});

test('missing presigned parameters are all named', () => {
  refusal(
    request({}, 'X-Amz-Algorithm'),
    'incomplete-signature',
    "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must include 'X-Amz-Credential'. " +
      "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. " +
      "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
  );
});

test('host must be signed', () => {
  refusal(
    request({ authorization: AUTH.replace('host;x-amz-date', 'x-amz-date'), 'x-amz-date': '20260101T000000Z' }),
    'host-not-signed',
    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  );
});

test('the request time must be an ISO 8601 basic timestamp', () => {
  refusal(
    request({ authorization: AUTH, 'x-amz-date': '2026-01-01T00:00:00Z' }),
    'invalid-date',
    "Date must be in ISO-8601 'basic format'. Got '2026-01-01T00:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
  );
  refusal(request({ authorization: AUTH, date: 'tomorrow' }), 'invalid-date');
});

test('the credential must have five parts', () => {
  refusal(
    request({ authorization: AUTH.replace(CREDENTIAL, 'a/b/c/d'), 'x-amz-date': '20260101T000000Z' }),
    'incomplete-signature',
    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'",
  );
});

test('X-Amz-Expires must be a number of at most seven days', () => {
  const base = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(CREDENTIAL)}&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIG}`;
  refusal(request({}, `${base}&X-Amz-Expires=soon`), 'incomplete-signature', 'X-Amz-Expires should be a number');
  refusal(request({}, `${base}&X-Amz-Expires=604801`), 'incomplete-signature');
  assert.equal(parseSigV4(request({}, `${base}&X-Amz-Expires=604800`)).expiresSeconds, 604800);
});
