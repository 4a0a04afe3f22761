/** The errors the grant operations answer with. */
import { AwsError } from '../../../errors/aws-error.ts';
import {
  InvalidArnException,
  InvalidGrantIdException,
  InvalidGrantTokenException,
  LimitExceededException,
  NotFoundException,
} from '../../../protocol/spec/generated/kms.errors.ts';
import { validationError } from '../errors.ts';

export function invalidGrantToken(): InvalidGrantTokenException {
  return new InvalidGrantTokenException('The grant token is invalid.');
}

export function invalidGrantId(grantId: string): InvalidGrantIdException {
  return new InvalidGrantIdException(`Invalid grant ID: ${grantId}`);
}

export function grantNotFound(grantId: string): NotFoundException {
  return new NotFoundException(`Grant ${grantId} does not exist`);
}

export function invalidPrincipal(principal: string): InvalidArnException {
  return new InvalidArnException(`ARN does not refer to a valid principal: ${principal}`);
}

export function grantLimitExceeded(limit: number): LimitExceededException {
  return new LimitExceededException(`The number of grants on this KMS key exceeds the limit of ${limit}.`);
}

/** KMS documents "a ValidationError exception" for grant operations the key does not support. */
export function unsupportedGrantOperations(operations: readonly string[], keySpec: string): AwsError {
  return new AwsError('ValidationError', `Grant operations [${operations.join(', ')}] are not supported for a KMS key with key spec ${keySpec}.`, 400);
}

export function grantValidation(message: string): AwsError {
  return validationError(message);
}
