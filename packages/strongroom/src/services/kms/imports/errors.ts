/** The errors of importing key material, with the messages AWS sends. */
import { ExpiredImportTokenException, IncorrectKeyMaterialException, InvalidImportTokenException } from '../../../protocol/spec/generated/kms.errors.ts';
import { unsupportedOperation, validationError } from '../errors.ts';
import type { AwsError } from '../../../errors/aws-error.ts';

/** Import operations on a key that cannot take imported material (Origin AWS_KMS, …). */
export function originNotValid(keyArn: string, origin: string): AwsError {
  return unsupportedOperation(`${keyArn} origin is ${origin} which is not valid for this operation.`);
}

export function invalidImportToken(): InvalidImportTokenException {
  return new InvalidImportTokenException('');
}

export function expiredImportToken(): ExpiredImportTokenException {
  return new ExpiredImportTokenException('');
}

export function incorrectKeyMaterial(): IncorrectKeyMaterialException {
  return new IncorrectKeyMaterialException('');
}

export function invalidEncryptedKeySize(): AwsError {
  return validationError('Invalid encrypted key size.');
}

export function validToRequired(): AwsError {
  return validationError('A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
}

export function validToNotAllowed(): AwsError {
  return validationError('The parameter ValidTo cannot be specified for a key with an expiration model of KEY_MATERIAL_DOES_NOT_EXPIRE');
}
