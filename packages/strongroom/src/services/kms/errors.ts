/**
 * Every error KMS answers with, built from the generated error classes with
 * the messages AWS sends (see the tests for the wording each reproduces).
 * Exceptions AWS sends without a message (InvalidCiphertextException) have
 * an empty one here too.
 */
import { AwsError } from '../../errors/aws-error.ts';
import {
  AlreadyExistsException,
  DisabledException,
  DryRunOperationException,
  IncorrectKeyException,
  InvalidCiphertextException,
  InvalidKeyUsageException,
  InvalidMarkerException,
  KMSInvalidStateException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NotFoundException,
  TagException,
  UnsupportedOperationException,
} from '../../protocol/spec/generated/kms.errors.ts';
import { validationMessage } from '../../protocol/validate.ts';

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

/** "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: …" */
export function constraintError(path: string, value: string | number | null, constraint: string): AwsError {
  const shown = value === null ? 'null' : `'${value}'`;
  return validationError(validationMessage([`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`]));
}

export function keyNotFound(keyArn: string): NotFoundException {
  return new NotFoundException(`Key '${keyArn}' does not exist`);
}

export function invalidKeyId(keyId: string): NotFoundException {
  return new NotFoundException(`Invalid keyId '${keyId}'`);
}

/** A key ARN naming another region. */
export function invalidArnRegion(region: string): NotFoundException {
  return new NotFoundException(`Invalid arn ${region}`);
}

export function aliasNotFound(aliasArn: string): NotFoundException {
  return new NotFoundException(`Alias ${aliasArn} is not found.`);
}

export function keyDisabled(keyArn: string): DisabledException {
  return new DisabledException(`${keyArn} is disabled.`);
}

export function keyPendingDeletion(keyArn: string): KMSInvalidStateException {
  return new KMSInvalidStateException(`${keyArn} is pending deletion.`);
}

export function keyNotPendingDeletion(keyArn: string): KMSInvalidStateException {
  return new KMSInvalidStateException(`${keyArn} is not pending deletion.`);
}

export function keyInState(keyArn: string, state: string): KMSInvalidStateException {
  const words = state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return new KMSInvalidStateException(`${keyArn} is ${words}.`);
}

export function incorrectKey(): IncorrectKeyException {
  return new IncorrectKeyException('The key ID in the request does not identify a CMK that can perform this operation.');
}

export function invalidCiphertext(): InvalidCiphertextException {
  return new InvalidCiphertextException('');
}

export function dryRunSucceeded(): DryRunOperationException {
  return new DryRunOperationException('The request would have succeeded, but the DryRun option is set.');
}

export function invalidKeyUsage(keyArn: string, keyUsage: string, operation: string): InvalidKeyUsageException {
  return new InvalidKeyUsageException(`${keyArn} key usage is ${keyUsage} which is not valid for ${operation}.`);
}

export function incompatibleAlgorithm(algorithm: string, keySpec: string): InvalidKeyUsageException {
  return new InvalidKeyUsageException(`Algorithm ${algorithm} is incompatible with key spec ${keySpec}.`);
}

/** GenerateDataKey(WithoutPlaintext) with an asymmetric ENCRYPT_DECRYPT key. */
export function asymmetricDataKey(): InvalidKeyUsageException {
  return new InvalidKeyUsageException('You cannot generate a data key with an asymmetric CMK');
}

export function aliasPrefixRequired(): AwsError {
  return validationError('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
}

/** Customers may not create, retarget or delete alias/aws/* (AWS answers without a message). */
export function reservedAlias(): AwsError {
  return new AwsError('NotAuthorizedException', '', 400);
}

export function aliasExists(aliasArn: string): AlreadyExistsException {
  return new AlreadyExistsException(`An alias with the name ${aliasArn} already exists`);
}

export function aliasTargetsAlias(): AwsError {
  return validationError('Aliases must refer to keys. Not aliases');
}

export function tagError(message: string): TagException {
  return new TagException(message);
}

export function limitExceeded(message: string): LimitExceededException {
  return new LimitExceededException(message);
}

export function invalidMarker(): InvalidMarkerException {
  return new InvalidMarkerException('');
}

export function malformedPolicy(message = ''): MalformedPolicyDocumentException {
  return new MalformedPolicyDocumentException(message);
}

export function unsupportedOperation(message: string): UnsupportedOperationException {
  return new UnsupportedOperationException(message);
}

export function policyNotFound(): NotFoundException {
  return new NotFoundException('No such policy exists');
}

/** What AWS answers when a key policy does not allow the call (AWS managed keys refuse changes). */
export function notAuthorized(principalArn: string, action: string, resourceArn: string): AwsError {
  return new AwsError(
    'AccessDeniedException',
    `User: ${principalArn} is not authorized to perform: kms:${action} on resource: ${resourceArn} because no resource-based policy allows the kms:${action} action`,
    400,
  );
}
