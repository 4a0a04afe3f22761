import { AwsError, InternalFailure, type Fault } from '../../errors/aws-error.ts';

/**
 * Base of the generated error classes (spec/generated/<svc>.errors.ts). Some
 * model exceptions carry members besides the message (SSM's
 * OpsItemLimitExceededException has Limit, LimitType...); `details` holds
 * them and the protocol codecs serialize them next to the message.
 */
export class ModelError extends AwsError {
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, httpStatus: number, fault: Fault, details?: object) {
    super(code, message, httpStatus, fault);
    if (details !== undefined) this.details = details as Record<string, unknown>;
  }
}

/** Extra members of an error to serialize (those of a ModelError, nothing for a plain AwsError). */
export function errorDetails(error: AwsError): Readonly<Record<string, unknown>> | undefined {
  return (error as ModelError).details;
}

/** What the error serializers write: the error itself, or InternalFailure for anything that is not an AwsError. */
export function asAwsError(error: unknown): AwsError {
  return error instanceof AwsError ? error : new InternalFailure();
}
