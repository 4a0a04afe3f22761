import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constantTimeEqual } from '../../crypto/primitives.ts';
import { parseSigV4 } from './parse.ts';
import { signRequest, type SignOptions } from './sign.ts';
import { SigV4Error, type SigV4ErrorKind } from './sigv4-error.ts';
import { SigningKeyCache } from './signing-key.ts';
import type { SigV4Request } from './types.ts';
import { prevalidateSigV4, signatureComparison, verifySigV4, type VerifyOptions } from './verify.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const T = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));
const SIGN: SignOptions = { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET }, region: 'us-east-1', service: 'kms', time: T };

function kmsRequest(): SigV4Request {
  return {
    method: 'POST',
    rawPath: '/',
    rawQuery: '',
    headers: {
      host: 'localhost:4566',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'TrentService.Encrypt',
      'user-agent': 'test',
    },
    body: Buffer.from(JSON.stringify({ KeyId: 'alias/test', Plaintext: 'aGVsbG8=' })),
  };
}

function at(offsetMs: number): Date {
  return new Date(T.getTime() + offsetMs);
}

function verify(req: SigV4Request, now = T, secret = SECRET, options: VerifyOptions = {}): void {
  verifySigV4(parseSigV4(req), req, secret, now, options);
}

function refusal(fn: () => void, kind: SigV4ErrorKind, message?: string): SigV4Error {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SigV4Error, `expected a SigV4Error, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    if (message !== undefined) assert.equal(err.message, message);
    return err;
  }
  assert.fail(`expected ${kind}`);
}

const MIN = 60_000;

test('a signed request verifies', () => {
  verify(signRequest(kmsRequest(), SIGN));
});

test('repeated headers: rawHeaders gives the exact canonical value that node joins differently', () => {
  const req = kmsRequest();
  // Signed as one value "a,b"; sent as two "x-multi" lines, which node:http joins as "a, b".
  const signed = signRequest({ ...req, headers: { ...req.headers, 'x-multi': 'a,b' } }, SIGN);
  const asReceived = { ...signed, headers: { ...signed.headers, 'x-multi': 'a, b' } };
  const rawHeaders = Object.entries(signed.headers).flatMap(([name, value]) => (name === 'x-multi' ? ['X-Multi', 'a', 'X-Multi', ' b'] : [name, value]));
  verify({ ...asReceived, rawHeaders });
  refusal(() => verify(asReceived), 'signature-mismatch');
});

test('session tokens are signed and reported', () => {
  const signed = signRequest(kmsRequest(), { ...SIGN, credentials: { ...SIGN.credentials, sessionToken: 'FwoGZXIvYXdzEBYaD+/=' } });
  assert.equal(parseSigV4(signed).sessionToken, 'FwoGZXIvYXdzEBYaD+/=');
  verify(signed);
  refusal(() => verify({ ...signed, headers: { ...signed.headers, 'x-amz-security-token': 'other' } }), 'signature-mismatch');
});

test('clock skew: 14m59s either way is accepted, 15m01s is refused', () => {
  const signed = signRequest(kmsRequest(), SIGN);
  verify(signed, at(14 * MIN + 59_000));
  verify(signed, at(-(14 * MIN + 59_000)));
  verify(signed, at(15 * MIN));
  const expired = refusal(() => verify(signed, at(15 * MIN + 1000)), 'signature-expired');
  assert.equal(expired.message, 'Signature expired: 20260101T000000Z is now earlier than 20260101T000001Z (20260101T001501Z - 15 min.)');
  assert.equal(expired.details.requestTime, '20260101T000000Z');
  assert.equal(expired.details.serverTime, '20260101T001501Z');
  refusal(
    () => verify(signed, at(-(15 * MIN + 1000))),
    'signature-not-yet-current',
    'Signature not yet current: 20260101T000000Z is still later than 20251231T235959Z (20251231T234459Z + 15 min.)',
  );
  refusal(
    () => verify(signed, at(30 * MIN)),
    'signature-expired',
    'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T003000Z - 15 min.)',
  );
});

test('freshness and scope are checked before the secret is needed', () => {
  const parsed = parseSigV4(signRequest(kmsRequest(), SIGN));
  prevalidateSigV4(parsed, T);
  refusal(() => prevalidateSigV4(parsed, at(16 * MIN)), 'signature-expired');
  refusal(() => prevalidateSigV4(parsed, T, { expectedService: 'ssm' }), 'invalid-scope', "Credential should be scoped to correct service: 'ssm'.");
});

test('presigned requests live for X-Amz-Expires, not for the skew window', () => {
  const get: SigV4Request = { method: 'GET', rawPath: '/', rawQuery: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { host: 'localhost' }, body: Buffer.alloc(0) };
  const short = signRequest(get, { ...SIGN, service: 'sts', presignExpiresSeconds: 300 });
  verify(short, at(300_000));
  const err = refusal(() => verify(short, at(301_000)), 'presigned-expired', 'Request has expired.');
  assert.equal(err.details.expiresAt, '20260101T000500Z');
  refusal(() => verify(short, at(-16 * MIN)), 'signature-not-yet-current');

  const long = signRequest(get, { ...SIGN, service: 'sts', presignExpiresSeconds: 3600 });
  verify(long, at(59 * MIN));
  refusal(() => verify(long, at(61 * MIN)), 'presigned-expired');

  // Without X-Amz-Expires the ordinary skew window applies.
  const noExpiry = { ...long, rawQuery: long.rawQuery.replace(/&X-Amz-Expires=3600/, '') };
  refusal(() => verify(noExpiry, at(16 * MIN)), 'signature-expired');
});

test('presigned requests are tamper-evident too', () => {
  const get: SigV4Request = { method: 'GET', rawPath: '/', rawQuery: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { host: 'localhost' }, body: Buffer.alloc(0) };
  const signed = signRequest(get, { ...SIGN, service: 'sts', presignExpiresSeconds: 900, credentials: { ...SIGN.credentials, sessionToken: 'tok/+=' } });
  verify(signed);
  refusal(() => verify({ ...signed, rawQuery: signed.rawQuery.replace('GetCallerIdentity', 'AssumeRole') }), 'signature-mismatch');
  refusal(() => verify({ ...signed, rawQuery: signed.rawQuery.replace('X-Amz-Expires=900', 'X-Amz-Expires=901') }), 'signature-mismatch');
  refusal(() => verify({ ...signed, headers: { host: 'evil' } }), 'signature-mismatch');
});

test('the credential scope must match the request', () => {
  const signed = signRequest(kmsRequest(), SIGN);
  const parsed = parseSigV4(signed);
  refusal(
    () => verifySigV4({ ...parsed, scopeDate: '20251231', scope: parsed.scope.replace('20260101', '20251231') }, signed, SECRET, T),
    'invalid-scope',
    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20251231' != '20260101', from '20260101T000000Z'.",
  );
  refusal(
    () => verifySigV4({ ...parsed, terminator: 'aws5_request' }, signed, SECRET, T),
    'invalid-scope',
    "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
  );
  refusal(() => verifySigV4({ ...parsed, region: 'US_EAST' }, signed, SECRET, T), 'invalid-scope', "Credential should be scoped to a valid region, not 'US_EAST'.");
  const both = refusal(() => verify(signed, T, SECRET, { expectedRegion: 'eu-west-1', expectedService: 'ssm' }), 'invalid-scope');
  assert.deepEqual(both.details.problems, ["Credential should be scoped to a valid region, not 'us-east-1'.", "Credential should be scoped to correct service: 'ssm'."]);
  verify(signed, T, SECRET, { expectedRegion: 'us-east-1', expectedService: 'kms' });
});

test('tampering with any signed part is detected', () => {
  const signed = signRequest(kmsRequest(), SIGN);
  const tampered: Array<[string, SigV4Request]> = [
    ['x-amz-target', { ...signed, headers: { ...signed.headers, 'x-amz-target': 'TrentService.Decrypt' } }],
    ['content-type', { ...signed, headers: { ...signed.headers, 'content-type': 'application/json' } }],
    ['host', { ...signed, headers: { ...signed.headers, host: 'localhost:4567' } }],
    ['body', { ...signed, body: Buffer.from(signed.body.toString().replace('alias/test', 'alias/prod')) }],
    ['empty body', { ...signed, body: Buffer.alloc(0) }],
    ['path', { ...signed, rawPath: '/x' }],
    ['query added', { ...signed, rawQuery: 'a=1' }],
    ['method', { ...signed, method: 'PUT' }],
  ];
  for (const [what, req] of tampered) {
    assert.throws(() => verify(req), (err) => err instanceof SigV4Error && err.kind === 'signature-mismatch', what);
  }
  // Headers outside SignedHeaders may change freely.
  verify({ ...signed, headers: { ...signed.headers, 'user-agent': 'other', 'x-forwarded-for': '10.0.0.1' } });
});

test('a wrong secret or a malformed signature is a mismatch, with AWS-style explanation details', () => {
  const signed = signRequest(kmsRequest(), SIGN);
  const err = refusal(() => verify(signed, T, SECRET + 'x'), 'signature-mismatch');
  assert.match(err.details.canonicalRequest ?? '', /^POST\n\/\n\ncontent-type:application\/x-amz-json-1.1\nhost:localhost:4566\n/);
  assert.match(err.details.stringToSign ?? '', /^AWS4-HMAC-SHA256\n20260101T000000Z\n20260101\/us-east-1\/kms\/aws4_request\n[0-9a-f]{64}$/);
  const auth = signed.headers.authorization;
  const sig = /Signature=([0-9a-f]{64})$/.exec(auth)![1];
  refusal(() => verify({ ...signed, headers: { ...signed.headers, authorization: auth.replace(sig, sig.toUpperCase()) } }), 'signature-mismatch');
  refusal(() => verify({ ...signed, headers: { ...signed.headers, authorization: auth.replace(sig, sig.slice(0, 63)) } }), 'signature-mismatch');
});

test('non-S3 services sign the body itself: a claimed payload hash cannot replace it', () => {
  const req = kmsRequest();
  const claimed = { ...req, headers: { ...req.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
  // Signed as S3 would sign it (the claimed value as payload hash), presented to KMS.
  const asS3 = signRequest(claimed, { ...SIGN, service: 's3', payloadHash: 'UNSIGNED-PAYLOAD' });
  const parsed = parseSigV4(asS3);
  refusal(() => verifySigV4({ ...parsed, service: 'kms' }, asS3, SECRET, T), 'signature-mismatch');
});

test('S3 signs x-amz-content-sha256: UNSIGNED-PAYLOAD leaves the body out, a hex hash must match it', () => {
  const put: SigV4Request = { method: 'PUT', rawPath: '/bucket/a%20b', rawQuery: '', headers: { host: 'localhost' }, body: Buffer.from('object') };
  const unsigned = signRequest(put, { ...SIGN, service: 's3', payloadHash: 'UNSIGNED-PAYLOAD' });
  verify(unsigned);
  verify({ ...unsigned, body: Buffer.from('other') });
  const hashed = signRequest(put, { ...SIGN, service: 's3' });
  verify(hashed);
  refusal(() => verify({ ...hashed, body: Buffer.from('other') }), 'signature-mismatch');
  refusal(() => verify({ ...hashed, headers: { ...hashed.headers, 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' } }), 'incomplete-signature');
});

test('signatures are compared with constantTimeEqual', () => {
  assert.equal(signatureComparison.equal, constantTimeEqual);
  const signed = signRequest(kmsRequest(), SIGN);
  const calls: Array<[Uint8Array, Uint8Array]> = [];
  const original = signatureComparison.equal;
  try {
    signatureComparison.equal = (a, b) => {
      calls.push([a, b]);
      return original(a, b);
    };
    verify(signed);
    assert.equal(calls.length, 1);
    assert.equal(Buffer.from(calls[0][0]).toString(), Buffer.from(calls[0][1]).toString());
    // The verdict is the comparison's verdict.
    signatureComparison.equal = () => false;
    refusal(() => verify(signed), 'signature-mismatch');
  } finally {
    signatureComparison.equal = original;
  }
});

test('a derived-key cache gives the same verdicts and derives once per scope', () => {
  const cache = new SigningKeyCache(4);
  const signed = signRequest(kmsRequest(), SIGN);
  verify(signed, T, SECRET, { cache });
  verify(signed, T, SECRET, { cache });
  assert.equal(cache.derivations, 1);
  refusal(() => verify(signed, T, SECRET + 'x', { cache }), 'signature-mismatch');
  verify(signed, T, SECRET, { cache });
  assert.equal(cache.derivations, 2);
});
