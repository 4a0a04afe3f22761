/**
 * Why a request failed SigV4 authentication. Deliberately not an AwsError:
 * the code, status and wording depend on the protocol family that answers
 * (see auth-errors.ts), which the router knows and this layer does not.
 */
export type SigV4ErrorKind =
  /** Neither an Authorization header nor X-Amz-Algorithm in the query. */
  | 'missing-authentication'
  /** Missing or malformed components: credential, signed headers, algorithm, expiry. */
  | 'incomplete-signature'
  /** X-Amz-Date (or Date) is not an ISO 8601 basic timestamp. */
  | 'invalid-date'
  /** Both an Authorization header and query-string authentication. */
  | 'conflicting-authentication'
  | 'host-not-signed'
  /** Credential scope with the wrong date, region, service or terminator. */
  | 'invalid-scope'
  /** Request time more than 15 minutes before the server's time. */
  | 'signature-expired'
  /** Request time more than 15 minutes after the server's time. */
  | 'signature-not-yet-current'
  /** A presigned request past its X-Amz-Expires. */
  | 'presigned-expired'
  | 'signature-mismatch'
  | 'unknown-access-key'
  | 'inactive-access-key'
  | 'invalid-session-token'
  | 'expired-session-token';

export interface SigV4ErrorDetails {
  /** ISO 8601 basic timestamps for the expiry messages. */
  requestTime?: string;
  serverTime?: string;
  /** The allowed skew in minutes, for expiry messages. */
  skewMinutes?: number;
  /** When a presigned request stopped being valid. */
  expiresAt?: string;
  /** One sentence per problem found (IncompleteSignature, invalid scope). */
  problems?: string[];
  /** The request's Authorization header, echoed by IncompleteSignature messages. */
  authorization?: string;
  /** Offending algorithm name. */
  algorithm?: string;
  /** What the server computed, for the SignatureDoesNotMatch explanation. */
  canonicalRequest?: string;
  stringToSign?: string;
}

export class SigV4Error extends Error {
  readonly kind: SigV4ErrorKind;
  readonly details: SigV4ErrorDetails;

  constructor(kind: SigV4ErrorKind, message: string = kind, details: SigV4ErrorDetails = {}) {
    super(message);
    this.name = 'SigV4Error';
    this.kind = kind;
    this.details = details;
  }
}
