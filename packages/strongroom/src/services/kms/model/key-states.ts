/**
 * Which key states each kind of operation accepts, after AWS's key state
 * table, and the error for the others:
 *
 *   read    DescribeKey, Get/PutKeyPolicy, ListKeyPolicies, ListResourceTags,
 *           GetKeyRotationStatus, ListKeyRotations, DeleteAlias — any state
 *   use     cryptographic operations and rotation — Enabled only
 *   manage  ScheduleKeyDeletion, UpdateKeyDescription, Tag/UntagResource,
 *           Create/UpdateAlias — not PendingDeletion
 *   enable  Enable/DisableKey, CreateGrant — Enabled or Disabled (not PendingImport)
 *   cancel  CancelKeyDeletion — PendingDeletion, PendingReplicaDeletion (a
 *           multi-Region primary waiting for its replicas to be deleted)
 */
import type { KeyState } from '../../../protocol/spec/generated/kms.types.ts';
import type { AwsError } from '../../../errors/aws-error.ts';
import { keyDisabled, keyInState, keyNotPendingDeletion, keyPendingDeletion } from '../errors.ts';
import type { KeyRecord } from './types.ts';

export type KeyAction = 'read' | 'use' | 'manage' | 'enable' | 'cancel';

/** Undefined when `action` is allowed in the key's state, else the error to throw. */
export function keyStateError(record: Pick<KeyRecord, 'arn' | 'keyState'>, action: KeyAction): AwsError | undefined {
  const { arn, keyState } = record;
  switch (action) {
    case 'read':
      return undefined;
    case 'use':
      if (keyState === 'Enabled') return undefined;
      if (keyState === 'Disabled') return keyDisabled(arn);
      return stateError(arn, keyState);
    case 'manage':
      if (keyState === 'Enabled' || keyState === 'Disabled' || keyState === 'PendingImport') return undefined;
      return stateError(arn, keyState);
    case 'enable':
      if (keyState === 'Enabled' || keyState === 'Disabled') return undefined;
      return stateError(arn, keyState);
    case 'cancel':
      return keyState === 'PendingDeletion' || keyState === 'PendingReplicaDeletion' ? undefined : keyNotPendingDeletion(arn);
  }
}

export function assertKeyState(record: Pick<KeyRecord, 'arn' | 'keyState'>, action: KeyAction): void {
  const error = keyStateError(record, action);
  if (error) throw error;
}

function stateError(arn: string, state: KeyState): AwsError {
  return state === 'PendingDeletion' ? keyPendingDeletion(arn) : keyInState(arn, state);
}

/** A key whose deletion date has passed no longer exists, whether or not the sweep has removed its rows yet. */
export function isDeleted(record: Pick<KeyRecord, 'keyState' | 'deletionDate'>, now: number): boolean {
  return record.keyState === 'PendingDeletion' && record.deletionDate !== null && record.deletionDate <= now;
}
