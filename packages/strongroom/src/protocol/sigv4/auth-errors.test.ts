import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../errors/aws-error.ts';
import { toAwsError } from './auth-errors.ts';
import { SigV4Error, type SigV4ErrorKind } from './sigv4-error.ts';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const EXPIRED = 'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T003000Z - 15 min.)';
const FUTURE = 'Signature not yet current: 20260101T010000Z is still later than 20260101T004500Z (20260101T003000Z + 15 min.)';
const INCOMPLETE = "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kms/aws4_request";
const BAD_DATE = "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601";
const BOTH = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.";
const HOST = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

// [kind, message given to the SigV4Error, json [code, status, message], query [code, status, message]]
const CASES: Array<[SigV4ErrorKind, string, [string, number, string], [string, number, string]]> = [
  ['missing-authentication', 'Missing Authentication Token', ['MissingAuthenticationTokenException', 400, 'Missing Authentication Token'], ['MissingAuthenticationToken', 403, 'Request is missing Authentication Token']],
  ['incomplete-signature', INCOMPLETE, ['IncompleteSignatureException', 400, INCOMPLETE], ['IncompleteSignature', 400, INCOMPLETE]],
  ['invalid-date', BAD_DATE, ['IncompleteSignatureException', 400, BAD_DATE], ['IncompleteSignature', 400, BAD_DATE]],
  ['conflicting-authentication', BOTH, ['InvalidSignatureException', 400, BOTH], ['SignatureDoesNotMatch', 403, BOTH]],
  ['host-not-signed', HOST, ['InvalidSignatureException', 400, HOST], ['SignatureDoesNotMatch', 403, HOST]],
  ['signature-expired', EXPIRED, ['InvalidSignatureException', 400, EXPIRED], ['SignatureDoesNotMatch', 403, EXPIRED]],
  ['signature-not-yet-current', FUTURE, ['InvalidSignatureException', 400, FUTURE], ['SignatureDoesNotMatch', 403, FUTURE]],
  ['presigned-expired', 'Request has expired.', ['RequestExpired', 400, 'Request has expired.'], ['RequestExpired', 400, 'Request has expired.']],
  ['signature-mismatch', MISMATCH, ['InvalidSignatureException', 400, MISMATCH], ['SignatureDoesNotMatch', 403, MISMATCH]],
  ['unknown-access-key', 'x', ['UnrecognizedClientException', 400, 'The security token included in the request is invalid.'], ['InvalidClientTokenId', 403, 'The security token included in the request is invalid.']],
  ['inactive-access-key', 'x', ['UnrecognizedClientException', 400, 'The security token included in the request is invalid.'], ['InvalidClientTokenId', 403, 'The security token included in the request is invalid.']],
  ['invalid-session-token', 'x', ['UnrecognizedClientException', 400, 'The security token included in the request is invalid'], ['InvalidClientTokenId', 403, 'The security token included in the request is invalid']],
  ['expired-session-token', 'x', ['ExpiredTokenException', 400, 'The security token included in the request is expired'], ['ExpiredToken', 403, 'The security token included in the request is expired']],
];

for (const [kind, message, json, query] of CASES) {
  test(`${kind} maps to AWS's error for each protocol family`, () => {
    for (const [protocol, [code, status, text]] of [['json', json], ['query', query]] as const) {
      const err = toAwsError(new SigV4Error(kind, message), protocol);
      assert.ok(err instanceof AwsError);
      assert.deepEqual([err.code, err.httpStatus, err.message, err.fault], [code, status, text, 'client'], `${kind}/${protocol}`);
    }
  });
}

test('invalid scope lists every problem; the JSON services end each with a space', () => {
  const problems = ["Credential should be scoped to a valid region, not 'mars-1'.", "Credential should be scoped to correct service: 'kms'."];
  const err = new SigV4Error('invalid-scope', problems.join(' '), { problems });
  assert.equal(toAwsError(err, 'json').message, `${problems[0]} ${problems[1]} `);
  assert.equal(toAwsError(err, 'json').code, 'InvalidSignatureException');
  assert.equal(toAwsError(err, 'query').message, `${problems[0]} ${problems[1]}`);
  assert.equal(toAwsError(err, 'query').httpStatus, 403);
});

test('a signature mismatch explains what the server signed, as AWS does', () => {
  const err = new SigV4Error('signature-mismatch', MISMATCH, {
    canonicalRequest: 'POST\n/\n\nhost:h\nx-v:caf\u00c3\u00a9\n\nhost;x-v\nabc',
    stringToSign: 'AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/sts/aws4_request\ndef',
  });
  assert.equal(
    toAwsError(err, 'query').message,
    `${MISMATCH}\n\nThe Canonical String for this request should have been\n'POST\n/\n\nhost:h\nx-v:café\n\nhost;x-v\nabc'\n\n` +
      `The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/sts/aws4_request\ndef'\n`,
  );
});

test('every kind has a mapping in both protocols', () => {
  const kinds = new Set(CASES.map(([kind]) => kind));
  kinds.add('invalid-scope');
  for (const kind of kinds) {
    for (const protocol of ['json', 'query'] as const) assert.ok(toAwsError(new SigV4Error(kind), protocol).code);
  }
  assert.equal(kinds.size, 14);
});

test('restJson1 (Lambda) uses the JSON codes and messages, each with HTTP 403', () => {
  for (const [kind, message, [code, , expected]] of CASES) {
    const error = toAwsError(new SigV4Error(kind, message), 'rest-json');
    assert.equal(error.code, code);
    assert.equal(error.message, expected);
    assert.equal(error.httpStatus, 403);
  }
});
