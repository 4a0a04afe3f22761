/**
 * Errors of the Encryption SDK. Every error has a stable `code` so callers
 * (and the CLI) can tell the cases apart without parsing messages. Messages
 * never contain key material or plaintext.
 */

export type EncryptionSdkErrorCode =
  | 'NoKeyringCouldDecrypt'
  | 'TamperedHeader'
  | 'TamperedFrame'
  | 'TruncatedMessage'
  | 'MalformedMessage'
  | 'EncryptionContextMismatch'
  | 'CommitmentMismatch'
  | 'TooManyEncryptedDataKeys'
  | 'CommitmentPolicyViolation'
  | 'SignatureInvalid'
  | 'UnsupportedAlgorithmSuite'
  | 'InvalidArgument'
  | 'KeyringError'
  | 'SignedMessageNotAllowed';

export class EncryptionSdkError extends Error {
  readonly code: EncryptionSdkErrorCode;
  constructor(code: EncryptionSdkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** No keyring (or KMS key) could decrypt any of the message's encrypted data keys. */
export class NoKeyringCouldDecryptError extends EncryptionSdkError {
  constructor(message = 'Unable to decrypt data key: no keyring could decrypt any of the encrypted data keys', options?: { cause?: unknown }) {
    super('NoKeyringCouldDecrypt', message, options);
  }
}

/** The header authentication tag did not verify: the header was changed or the data key is wrong. */
export class TamperedHeaderError extends EncryptionSdkError {
  constructor(message = 'Header authentication failed: the message header was modified or the data key does not match') {
    super('TamperedHeader', message);
  }
}

/** A body frame (or the non-framed body) did not authenticate, or frames are out of order. */
export class TamperedFrameError extends EncryptionSdkError {
  constructor(message: string) {
    super('TamperedFrame', message);
  }
}

/** The message ended before its last frame / footer was complete. */
export class TruncatedMessageError extends EncryptionSdkError {
  constructor(message = 'Truncated message: the ciphertext ended before the message was complete') {
    super('TruncatedMessage', message);
  }
}

/** Bytes that are not a valid message (bad version, reserved bytes, trailing data, base64 input …). */
export class MalformedMessageError extends EncryptionSdkError {
  constructor(message: string) {
    super('MalformedMessage', message);
  }
}

/** The caller's expected encryption context pairs are not those of the message (or the caller's context is invalid). */
export class EncryptionContextMismatchError extends EncryptionSdkError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EncryptionContextMismatch', message, options);
  }
}

/** The commit key derived from the data key differs from the one in the header. */
export class CommitmentMismatchError extends EncryptionSdkError {
  constructor(message = 'Key commitment validation failed: the data key does not commit to this message') {
    super('CommitmentMismatch', message);
  }
}

/** More encrypted data keys than the client's maxEncryptedDataKeys. */
export class TooManyEncryptedDataKeysError extends EncryptionSdkError {
  constructor(count: number, max: number) {
    super('TooManyEncryptedDataKeys', `The message has ${count} encrypted data keys; this client allows at most ${max}`);
  }
}

/** The algorithm suite is not allowed by the client's commitment policy. */
export class CommitmentPolicyViolationError extends EncryptionSdkError {
  constructor(message: string) {
    super('CommitmentPolicyViolation', message);
  }
}

/** The footer's ECDSA signature does not verify. */
export class SignatureInvalidError extends EncryptionSdkError {
  constructor(message = 'Signature verification failed: the message was modified') {
    super('SignatureInvalid', message);
  }
}

/** An algorithm suite id that is not an Encryption SDK suite, or not valid where it appears. */
export class UnsupportedAlgorithmSuiteError extends EncryptionSdkError {
  constructor(message: string) {
    super('UnsupportedAlgorithmSuite', message);
  }
}

/** A caller error: bad option, reserved encryption context key, bad keyring configuration … */
export class InvalidArgumentError extends EncryptionSdkError {
  constructor(message: string) {
    super('InvalidArgument', message);
  }
}

/** A keyring failed (e.g. a KMS call failed, or a keyring was asked to generate a key twice). */
export class KeyringError extends EncryptionSdkError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('KeyringError', message, options);
  }
}

/** A signed message was given to decryptUnsignedMessageStream. */
export class SignedMessageNotAllowedError extends EncryptionSdkError {
  constructor(message = 'The message uses a signed algorithm suite; decryptUnsignedMessageStream only accepts unsigned messages') {
    super('SignedMessageNotAllowed', message);
  }
}
