/**
 * Turns a SigV4Error into the error AWS returns for it. The JSON services
 * (KMS, SSM, Secrets Manager: awsJson) and the query services (IAM, STS:
 * awsQuery) come from different frameworks and word the same failure
 * differently: codes, HTTP statuses and some messages differ. The values
 * below were taken from real AWS responses (error outputs quoted in public
 * issue trackers and emulators tested against AWS).
 */
import { AwsError } from '../../errors/aws-error.ts';
import { canonicalRequestBytes } from './canonical.ts';
import type { SigV4Error, SigV4ErrorKind } from './sigv4-error.ts';

/** restJson1 services (Lambda) use the JSON codes and messages, each with HTTP 403 (seen from Lambda for UnrecognizedClientException). */
export type AuthProtocol = 'json' | 'query' | 'rest-json';

interface Mapping {
  code: string;
  status: number;
  /** Fixed wording; otherwise the error's own message is used. */
  message?: string;
}

const INVALID_TOKEN = 'The security token included in the request is invalid';
const EXPIRED_TOKEN = 'The security token included in the request is expired';

const JSON_ERRORS: Record<SigV4ErrorKind, Mapping> = {
  'missing-authentication': { code: 'MissingAuthenticationTokenException', status: 400, message: 'Missing Authentication Token' },
  'incomplete-signature': { code: 'IncompleteSignatureException', status: 400 },
  'invalid-date': { code: 'IncompleteSignatureException', status: 400 },
  'conflicting-authentication': { code: 'InvalidSignatureException', status: 400 },
  'host-not-signed': { code: 'InvalidSignatureException', status: 400 },
  'invalid-scope': { code: 'InvalidSignatureException', status: 400 },
  'signature-expired': { code: 'InvalidSignatureException', status: 400 },
  'signature-not-yet-current': { code: 'InvalidSignatureException', status: 400 },
  'presigned-expired': { code: 'RequestExpired', status: 400, message: 'Request has expired.' },
  'signature-mismatch': { code: 'InvalidSignatureException', status: 400 },
  // An unknown and a deactivated access key are indistinguishable to the caller.
  'unknown-access-key': { code: 'UnrecognizedClientException', status: 400, message: `${INVALID_TOKEN}.` },
  'inactive-access-key': { code: 'UnrecognizedClientException', status: 400, message: `${INVALID_TOKEN}.` },
  // AWS words a bad session token without the final period.
  'invalid-session-token': { code: 'UnrecognizedClientException', status: 400, message: INVALID_TOKEN },
  'expired-session-token': { code: 'ExpiredTokenException', status: 400, message: EXPIRED_TOKEN },
};

const QUERY_ERRORS: Record<SigV4ErrorKind, Mapping> = {
  'missing-authentication': { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
  'incomplete-signature': { code: 'IncompleteSignature', status: 400 },
  'invalid-date': { code: 'IncompleteSignature', status: 400 },
  'conflicting-authentication': { code: 'SignatureDoesNotMatch', status: 403 },
  'host-not-signed': { code: 'SignatureDoesNotMatch', status: 403 },
  'invalid-scope': { code: 'SignatureDoesNotMatch', status: 403 },
  'signature-expired': { code: 'SignatureDoesNotMatch', status: 403 },
  'signature-not-yet-current': { code: 'SignatureDoesNotMatch', status: 403 },
  'presigned-expired': { code: 'RequestExpired', status: 400, message: 'Request has expired.' },
  'signature-mismatch': { code: 'SignatureDoesNotMatch', status: 403 },
  'unknown-access-key': { code: 'InvalidClientTokenId', status: 403, message: `${INVALID_TOKEN}.` },
  'inactive-access-key': { code: 'InvalidClientTokenId', status: 403, message: `${INVALID_TOKEN}.` },
  'invalid-session-token': { code: 'InvalidClientTokenId', status: 403, message: INVALID_TOKEN },
  'expired-session-token': { code: 'ExpiredToken', status: 403, message: EXPIRED_TOKEN },
};

export function toAwsError(err: SigV4Error, protocol: AuthProtocol): AwsError {
  const mapping = (protocol === 'query' ? QUERY_ERRORS : JSON_ERRORS)[err.kind];
  return new AwsError(mapping.code, mapping.message ?? messageFor(err, protocol), protocol === 'rest-json' ? 403 : mapping.status, 'client');
}

function messageFor(err: SigV4Error, protocol: AuthProtocol): string {
  const { details } = err;
  if (err.kind === 'invalid-scope' && details.problems) {
    // The JSON services end each sentence, the last one included, with a space.
    return protocol !== 'query' ? details.problems.map((p) => p + ' ').join('') : details.problems.join(' ');
  }
  if (err.kind === 'signature-mismatch' && details.canonicalRequest !== undefined && details.stringToSign !== undefined) {
    // AWS explains a mismatch by showing what it signed; both are built from the request the caller sent.
    const canonical = canonicalRequestBytes(details.canonicalRequest).toString('utf8');
    return `${err.message}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${details.stringToSign}'\n`;
  }
  return err.message;
}
