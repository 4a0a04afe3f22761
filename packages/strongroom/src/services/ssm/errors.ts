/** Parameter Store's errors, worded as AWS words them. */
import {
  AccessDeniedException,
  HierarchyLevelLimitExceededException,
  InvalidKeyId,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterVersionNotFound,
  ValidationException,
} from '../../protocol/spec/generated/ssm.errors.ts';

export function parameterNotFound(name?: string): ParameterNotFound {
  return new ParameterNotFound(name === undefined ? '' : `Parameter ${name} not found.`);
}

export function parameterAlreadyExists(): ParameterAlreadyExists {
  return new ParameterAlreadyExists('The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
}

export function versionNotFound(name: string, version: number | string): ParameterVersionNotFound {
  return new ParameterVersionNotFound(`Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);
}

export function validation(message: string): ValidationException {
  return new ValidationException(message);
}

export function reservedName(name: string): AccessDeniedException {
  return new AccessDeniedException(`No access to reserved parameter name: ${name}.`);
}

export function hierarchyTooDeep(): HierarchyLevelLimitExceededException {
  return new HierarchyLevelLimitExceededException(
    'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.',
  );
}

export function invalidKeyId(message = ''): InvalidKeyId {
  return new InvalidKeyId(message);
}
