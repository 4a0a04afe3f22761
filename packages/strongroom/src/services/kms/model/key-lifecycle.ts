/**
 * Creating keys and moving them through their states: Enabled ⇄ Disabled,
 * → PendingDeletion (with a deletion date) → Disabled on cancel. Every
 * change runs in one transaction on the locked key row and invalidates the
 * key's cache entry after commit.
 */
import { randomUuid } from '../../../crypto/primitives.ts';
import type { KeyManagerType, KeyState, OriginType } from '../../../protocol/spec/generated/kms.types.ts';
import { generateKeyMaterial } from '../crypto/key-material.ts';
import { constraintError } from '../errors.ts';
import { keyArn } from './arns.ts';
import { defaultKeyPolicy, validateKeyPolicy } from './key-policies.ts';
import type { KeySpecProfile } from './key-specs.ts';
import { assertKeyState, type KeyAction } from './key-states.ts';
import type { Caller, KmsModel } from './kms-model.ts';
import { validateNewTags, type KeyTag } from './tags.ts';
import type { KeyRecord, KeyScope, LoadedKey } from './types.ts';
import { deferPrimaryDeletion } from '../multi-region/deletion.ts';
import { newMultiRegionKeyId } from '../multi-region/ids.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_PENDING_WINDOW_DAYS = 30;

export interface NewKey {
  profile: KeySpecProfile;
  description?: string;
  policy?: string;
  tags?: readonly KeyTag[];
  keyManager?: KeyManagerType;
  /** Automatic rotation from the start (AWS managed keys rotate yearly). */
  rotationPeriodDays?: number;
  /** A multi-Region primary key (id "mrk-…"). */
  multiRegion?: boolean;
  /** EXTERNAL: created without material, PendingImport until material is imported (imports/). */
  origin?: OriginType;
}

/** Creates an Enabled key with its first material (EXTERNAL: PendingImport, none). Joins the caller's transaction, if any. */
export async function createKey(model: KmsModel, scope: KeyScope, spec: NewKey): Promise<LoadedKey> {
  if (spec.policy !== undefined) validateKeyPolicy(spec.policy);
  if (spec.tags) validateNewTags(spec.tags);
  const now = model.now();
  const keyId = spec.multiRegion ? newMultiRegionKeyId() : randomUuid();
  const record: KeyRecord = {
    ...scope,
    keyId,
    arn: keyArn(scope, keyId),
    description: spec.description ?? '',
    keySpec: spec.profile.keySpec,
    keyUsage: spec.profile.keyUsage,
    origin: spec.origin ?? 'AWS_KMS',
    keyManager: spec.keyManager ?? 'CUSTOMER',
    keyState: spec.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    policy: spec.policy ?? defaultKeyPolicy(scope.accountId),
    createdAt: now,
    deletionDate: null,
    rotationEnabled: spec.rotationPeriodDays !== undefined,
    rotationPeriodDays: spec.rotationPeriodDays ?? null,
    nextRotationAt: spec.rotationPeriodDays !== undefined ? now + spec.rotationPeriodDays * DAY_MS : null,
    onDemandRotations: 0,
    currentMaterialVersion: 1,
  };
  const material = spec.origin === 'EXTERNAL' ? undefined : model.keys.newMaterial(1, null, now, await generateKeyMaterial(spec.profile.material));
  await model.store.transaction(async () => {
    await model.keys.insertKey(record, material);
    if (spec.multiRegion) await model.multiRegion.insert(scope, keyId, 'PRIMARY');
    if (spec.tags?.length) await model.tags.put(scope, keyId, spec.tags);
    model.changed(scope, keyId);
  });
  const multiRegion = spec.multiRegion ? { keyType: 'PRIMARY' as const, primaryRegion: scope.region, replicaRegions: [], pendingWindowDays: null } : undefined;
  return { record, materials: new Map(material ? [[1, material]] : []), multiRegion };
}

/**
 * Runs `change` on the locked key after checking the key's state for
 * `stateAction` and refusing AWS managed keys for `awsAction`.
 */
export async function changeKey<T>(
  model: KmsModel,
  caller: Caller,
  keyIdParam: string,
  check: { state: KeyAction; awsAction: string },
  change: (record: KeyRecord, now: number) => Promise<T>,
): Promise<T> {
  return model.store.transaction(async () => {
    const record = await model.lockKey(caller.scope, keyIdParam);
    model.denyIfAwsManaged(caller, record, check.awsAction);
    assertKeyState(record, check.state);
    const result = await change(record, model.now());
    model.changed(caller.scope, record.keyId);
    return result;
  });
}

export async function setKeyEnabled(model: KmsModel, caller: Caller, keyIdParam: string, enabled: boolean): Promise<void> {
  const action = enabled ? 'EnableKey' : 'DisableKey';
  return changeKey(model, caller, keyIdParam, { state: 'enable', awsAction: action }, async (record, now) => {
    const state: KeyState = enabled ? 'Enabled' : 'Disabled';
    if (record.keyState !== state) await model.keys.updateKey(caller.scope, record.keyId, { key_state: state }, now);
  });
}

export async function updateDescription(model: KmsModel, caller: Caller, keyIdParam: string, description: string): Promise<void> {
  return changeKey(model, caller, keyIdParam, { state: 'manage', awsAction: 'UpdateKeyDescription' }, async (record, now) => {
    await model.keys.updateKey(caller.scope, record.keyId, { description }, now);
  });
}

export interface ScheduledDeletion {
  record: KeyRecord;
  /** Null for a multi-Region primary waiting for its replicas' deletion (PendingReplicaDeletion). */
  deletionDate: number | null;
  pendingWindowInDays: number;
  keyState: 'PendingDeletion' | 'PendingReplicaDeletion';
}

/** PendingWindowInDays must be 7–30 (the model itself allows 1–365). */
export async function scheduleKeyDeletion(model: KmsModel, caller: Caller, keyIdParam: string, pendingWindowInDays = DEFAULT_PENDING_WINDOW_DAYS): Promise<ScheduledDeletion> {
  if (pendingWindowInDays < 7) throw constraintError('pendingWindowInDays', pendingWindowInDays, 'Member must have value greater than or equal to 7');
  if (pendingWindowInDays > 30) throw constraintError('pendingWindowInDays', pendingWindowInDays, 'Member must have value less than or equal to 30');
  return changeKey(model, caller, keyIdParam, { state: 'manage', awsAction: 'ScheduleKeyDeletion' }, async (record, now) => {
    if (await deferPrimaryDeletion(model, caller.scope, record, pendingWindowInDays, now)) {
      return { record, deletionDate: null, pendingWindowInDays, keyState: 'PendingReplicaDeletion' };
    }
    const deletionDate = now + pendingWindowInDays * DAY_MS;
    await model.keys.updateKey(caller.scope, record.keyId, { key_state: 'PendingDeletion', deletion_date: deletionDate }, now);
    return { record, deletionDate, pendingWindowInDays, keyState: 'PendingDeletion' };
  });
}

/** Back to Disabled, as AWS does: the caller enables the key again explicitly (PendingImport for a key without its imported material). */
export async function cancelKeyDeletion(model: KmsModel, caller: Caller, keyIdParam: string): Promise<KeyRecord> {
  return changeKey(model, caller, keyIdParam, { state: 'cancel', awsAction: 'CancelKeyDeletion' }, async (record, now) => {
    const state: KeyState = record.origin === 'EXTERNAL' && !record.expirationModel ? 'PendingImport' : 'Disabled';
    await model.keys.updateKey(caller.scope, record.keyId, { key_state: state, deletion_date: null }, now);
    return record;
  });
}

export async function putKeyPolicy(model: KmsModel, caller: Caller, keyIdParam: string, policy: string): Promise<void> {
  validateKeyPolicy(policy);
  return changeKey(model, caller, keyIdParam, { state: 'read', awsAction: 'PutKeyPolicy' }, async (record, now) => {
    await model.keys.updateKey(caller.scope, record.keyId, { policy }, now);
  });
}
