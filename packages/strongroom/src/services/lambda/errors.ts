/**
 * Lambda's errors with AWS's messages. Lambda's error bodies carry
 * `"Type": "User"` for client faults (`"Service"` for its own), besides the
 * message; the generated classes take it as a detail.
 */
import {
  InvalidParameterValueException,
  InvalidRequestContentException,
  PreconditionFailedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '../../protocol/spec/generated/lambda.errors.ts';

const USER = { Type: 'User' } as const;

export const functionNotFound = (arn: string) => new ResourceNotFoundException(`Function not found: ${arn}`, USER);

export const functionAlreadyExists = (name: string) => new ResourceConflictException(`Function already exist: ${name}`, USER);

export const invalidParameter = (message: string) => new InvalidParameterValueException(message, USER);

export const roleCannotBeAssumed = () => invalidParameter('The role defined for the function cannot be assumed by Lambda.');

export const reservedEnvironmentKeys = (keys: readonly string[]) =>
  invalidParameter(
    `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${keys.join(', ')}`,
  );

export const unsupportedRuntime = (runtime: string, supported: readonly string[]) =>
  invalidParameter(`The runtime parameter of ${runtime} is not supported by Strongroom, which runs Node.js functions only. Use one of: ${supported.join(', ')}.`);

export const zipFileRequired = () => invalidParameter('Strongroom accepts function code as Code.ZipFile only (S3 locations and container images are not supported).');

export const cannotUnzip = () => invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');

export const statementExists = (sid: string) =>
  new ResourceConflictException(`The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`, USER);

export const statementNotFound = (sid: string) => new ResourceNotFoundException(`Statement ${sid} is not found in resource policy.`, USER);

export const noPolicy = () => new ResourceNotFoundException('The resource you requested does not exist.', USER);

export const invalidPayload = (detail: string) => new InvalidRequestContentException(`Could not parse request body into json: Could not parse payload into json: ${detail}`, USER);

export const revisionMismatch = () =>
  new PreconditionFailedException('The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id', USER);

export const tooManyRequests = () => new TooManyRequestsException('Rate Exceeded.', { Type: 'User', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
