/** Secrets Manager's errors, worded as AWS words them. */
import { AwsError } from '../../errors/aws-error.ts';
import {
  DecryptionFailure,
  EncryptionFailure,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidRequestException,
  LimitExceededException,
  ResourceExistsException,
  ResourceNotFoundException,
} from '../../protocol/spec/generated/secretsmanager.errors.ts';

export const secretNotFound = () => new ResourceNotFoundException("Secrets Manager can't find the specified secret.");

export const versionNotFound = (versionId: string) =>
  new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);

export const stageNotFound = (stage: string) => new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for staging label: ${stage}`);

export const markedForDeletion = () => new InvalidRequestException("You can't perform this operation on the secret because it was marked for deletion.");

export const alreadyExists = (name: string) => new ResourceExistsException(`The operation failed because the secret ${name} already exists.`);

export const scheduledNameTaken = () =>
  new InvalidRequestException("You can't create this secret because a secret with this name is already scheduled for deletion.");

export const versionExists = () => new ResourceExistsException("You can't modify an existing version, you can only create a new version.");

export const bothValues = () => new InvalidParameterException("You can't specify both a binary secret value and a string secret value in the same secret.");

export const invalidParameter = (message: string) => new InvalidParameterException(message);

export const invalidRequest = (message: string) => new InvalidRequestException(message);

export const invalidNextToken = () => new InvalidNextTokenException('The NextToken value is invalid.');

export const tooManyVersions = () =>
  new LimitExceededException('You have exceeded the maximum number of versions allowed for this secret. Remove staging labels from some versions and try again later.');

export const encryptionFailure = () =>
  new EncryptionFailure("Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the KMS key is available, enabled, and not in an invalid state.");

export const decryptionFailure = () => new DecryptionFailure("Secrets Manager can't decrypt the protected secret text using the provided KMS key.");

export const kmsAccessDenied = () => new AwsError('AccessDeniedException', 'Access to KMS is not allowed');

/** A KMS error met while encrypting or decrypting a value, as Secrets Manager reports it. */
export function fromKmsError(error: unknown, direction: 'encrypt' | 'decrypt'): unknown {
  if (!(error instanceof AwsError)) return error;
  if (error.code === 'AccessDeniedException') return kmsAccessDenied();
  if (error.fault === 'server') return error;
  return direction === 'encrypt' ? encryptionFailure() : decryptionFailure();
}

/** A write on a replica in its Region (AWS answers InvalidParameterException). */
export const replicaReadOnly = () => new InvalidParameterException("Operation not permitted on a replica secret. Call must be made in primary secret's region.");

export const invalidReplicaRegion = () => new InvalidParameterException('Invalid replica region.');

export const stillHasReplicas = (secretId: string, regions: readonly string[]) =>
  new InvalidParameterException(`You can't delete secret ${secretId} that still has replica regions [${regions.join(',')}]`);

export const notAReplica = () => new InvalidRequestException('StopReplicationToReplica can only be called on a replica secret, in the replica Region.');
