/**
 * The one error type every layer throws. It carries what the protocol
 * serializers need (the AWS error code, HTTP status and fault) and mirrors
 * the field names AWS SDK v3 gives its exceptions (`name`, `$fault`).
 */
export type Fault = 'client' | 'server';

export class AwsError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly fault: Fault;

  constructor(code: string, message: string, httpStatus = 400, fault: Fault = httpStatus >= 500 ? 'server' : 'client') {
    super(message);
    this.code = code;
    this.name = code;
    this.httpStatus = httpStatus;
    this.fault = fault;
  }

  get $fault(): Fault {
    return this.fault;
  }
}

/** Anything untyped becomes this at the edge; its message never echoes the cause. */
export class InternalFailure extends AwsError {
  constructor(message = 'We encountered an internal error. Please try again.') {
    super('InternalFailure', message, 500, 'server');
  }
}
