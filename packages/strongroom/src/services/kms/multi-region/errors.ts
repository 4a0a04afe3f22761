/**
 * The errors of multi-Region operations. The exception types are AWS's (API
 * reference of ReplicateKey, UpdatePrimaryRegion, EnableKeyRotation); the
 * wording of these messages could not be checked against AWS and follows
 * the style of KMS's other messages.
 */
import { AlreadyExistsException, UnsupportedOperationException } from '../../../protocol/spec/generated/kms.errors.ts';
import type { AwsError } from '../../../errors/aws-error.ts';
import { validationError } from '../errors.ts';

/** ReplicateKey / UpdatePrimaryRegion on a single-Region key or a replica. */
export function notMultiRegionPrimary(keyArn: string): UnsupportedOperationException {
  return new UnsupportedOperationException(`${keyArn} is not a multi-Region primary key.`);
}

/** Rotation settings and on-demand rotation are the primary key's. */
export function rotationOnReplica(keyArn: string): UnsupportedOperationException {
  return new UnsupportedOperationException(`${keyArn} is a multi-Region replica key. Manage rotation on its primary key.`);
}

export function replicaExists(replicaArn: string): AlreadyExistsException {
  return new AlreadyExistsException(`Key '${replicaArn}' already exists`);
}

export function replicaInOwnRegion(region: string): AwsError {
  return validationError(`The replica region ${region} must differ from the region of the primary key.`);
}

export function alreadyPrimaryRegion(region: string): AwsError {
  return validationError(`The primary key is already in ${region}.`);
}
