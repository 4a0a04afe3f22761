/**
 * Barrier failures. Messages name the AAD (a row identity, not a secret) and
 * the reason; they never include plaintext or key bytes. These are not
 * AwsErrors: at the edge they become InternalFailure.
 */
export type BarrierFailure = 'malformed' | 'unsupported-version' | 'unknown-term' | 'authentication-failed' | 'invalid-aad' | 'invalid-key';

export class BarrierError extends Error {
  readonly reason: BarrierFailure;
  readonly aad?: string;

  constructor(reason: BarrierFailure, message: string, aad?: string) {
    super(message);
    this.name = 'BarrierError';
    this.reason = reason;
    this.aad = aad;
  }
}

/** The root key in use cannot open the canary this data store was initialised with. */
export class RootKeyMismatchError extends Error {
  constructor(detail: string) {
    super(`the root key does not match this data store: ${detail}`);
    this.name = 'RootKeyMismatchError';
  }
}
