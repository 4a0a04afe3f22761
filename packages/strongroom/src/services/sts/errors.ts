/**
 * STS's errors with AWS's wording. AccessDenied is 403 on awsQuery services;
 * ValidationError and InvalidParameterValue are 400.
 */
import { AwsError } from '../../errors/aws-error.ts';
import { PackedPolicyTooLargeException } from '../../protocol/spec/generated/sts.errors.ts';

export function accessDenied(message: string): AwsError {
  return new AwsError('AccessDenied', message, 403);
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message, 400);
}

export const STS_MESSAGES = {
  rootCannotAssumeRoles: 'Roles may not be assumed by root accounts.',
  sessionCredentialsGetSessionToken: 'Cannot call GetSessionToken with session credentials',
  exceedsMaxSessionDuration: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  exceedsChainingLimit: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  duplicateTagKeys: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
  transitiveKeyNotInTags: 'The specified transitive tag key must be included in the requested tags.',
  transitiveKeyConflict: "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
  invalidAccessKeyId: 'The security token included in the request is invalid.',
  // Strongroom has no MFA devices, so every serial number is unknown.
  mfaFailed: 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
} as const;

export function packedPolicyTooLarge(percent: number): AwsError {
  return new PackedPolicyTooLargeException(`Packed policy consumes ${percent}% of allotted space, please use smaller policy.`);
}
