/**
 * Key rotation: a rotation adds a material version and makes it current;
 * earlier versions stay to decrypt what they encrypted. Automatic rotation
 * (every RotationPeriodInDays) is run by rotateDueKeys from the scheduler;
 * RotateKeyOnDemand rotates at once, at most 25 times per key. Every
 * rotation claims the key with a compare-and-set on its current version, so
 * two processes can never add the same version twice.
 */
import { generateKeyMaterial } from '../crypto/key-material.ts';
import { limitExceeded, unsupportedOperation } from '../errors.ts';
import { changeKey } from './key-lifecycle.ts';
import { keySpecProfile } from './key-specs.ts';
import type { Caller, KmsModel } from './kms-model.ts';
import type { KeyRecord, KeyScope } from './types.ts';
import type { RotationType } from '../../../protocol/spec/generated/kms.types.ts';
import { assertRotationManagedHere, syncReplicas } from '../multi-region/shared-properties.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_ROTATION_PERIOD_DAYS = 365;
export const ON_DEMAND_ROTATION_LIMIT = 25;
/** Keys rotated per scheduler run at most; the rest follow on the next run. */
const DUE_BATCH = 500;

function assertRotatable(record: KeyRecord): void {
  // Keys with imported material rotate only by importing new material, which Strongroom does not support yet.
  if (record.origin !== 'AWS_KMS') throw unsupportedOperation(`${record.arn} origin is ${record.origin} which is not valid for this operation.`);
  if (!keySpecProfile(record.keySpec, record.keyUsage).rotatable) {
    throw unsupportedOperation(`${record.arn} key usage is ${record.keyUsage} which is not valid for this operation.`);
  }
}

export async function enableKeyRotation(model: KmsModel, caller: Caller, keyIdParam: string, periodDays = DEFAULT_ROTATION_PERIOD_DAYS): Promise<void> {
  return changeKey(model, caller, keyIdParam, { state: 'use', awsAction: 'EnableKeyRotation' }, async (record, now) => {
    assertRotatable(record);
    await assertRotationManagedHere(model, caller.scope, record);
    let next = now + periodDays * DAY_MS;
    if (record.rotationEnabled) {
      // A new period on an already rotating key counts from its last rotation.
      const materials = await model.keys.listMaterials(caller.scope, record.keyId);
      const last = materials.filter((m) => m.rotationType === 'AUTOMATIC').at(-1)?.createdAt ?? record.createdAt;
      next = Math.max(now, last + periodDays * DAY_MS);
    }
    await model.keys.updateKey(caller.scope, record.keyId, { rotation_enabled: 1, rotation_period_days: periodDays, next_rotation_at: next }, now);
    await syncReplicas(model, caller.scope, record.keyId, { rotation_enabled: 1, rotation_period_days: periodDays }, undefined, now);
  });
}

export async function disableKeyRotation(model: KmsModel, caller: Caller, keyIdParam: string): Promise<void> {
  return changeKey(model, caller, keyIdParam, { state: 'use', awsAction: 'DisableKeyRotation' }, async (record, now) => {
    assertRotatable(record);
    await assertRotationManagedHere(model, caller.scope, record);
    await model.keys.updateKey(caller.scope, record.keyId, { rotation_enabled: 0, next_rotation_at: null }, now);
    await syncReplicas(model, caller.scope, record.keyId, { rotation_enabled: 0 }, undefined, now);
  });
}

export async function rotateKeyOnDemand(model: KmsModel, caller: Caller, keyIdParam: string): Promise<KeyRecord> {
  return changeKey(model, caller, keyIdParam, { state: 'use', awsAction: 'RotateKeyOnDemand' }, async (record, now) => {
    assertRotatable(record);
    await assertRotationManagedHere(model, caller.scope, record);
    if (record.onDemandRotations >= ON_DEMAND_ROTATION_LIMIT) {
      throw limitExceeded(`The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${record.arn}`);
    }
    await addMaterialVersion(model, caller.scope, record, 'ON_DEMAND', now, { on_demand_rotations: record.onDemandRotations + 1 });
    return record;
  });
}

/** Rotates Enabled keys whose automatic rotation is due (oldest first, up to 500 per run); returns how many rotated. */
export async function rotateDueKeys(model: KmsModel, now: number): Promise<number> {
  const due = await model.store
    .current()
    .selectFrom('kms_keys')
    .select(['account_id', 'region', 'key_id'])
    .where('rotation_enabled', '=', 1)
    .where('key_state', '=', 'Enabled')
    .where('next_rotation_at', '<=', now)
    .orderBy('next_rotation_at')
    .limit(DUE_BATCH)
    .execute();
  let rotated = 0;
  for (const row of due) {
    const scope = { accountId: row.account_id, region: row.region };
    const done = await model.store.transaction(async () => {
      const record = await model.keys.getRecord(scope, row.key_id, { forUpdate: true });
      if (!record || !record.rotationEnabled || record.keyState !== 'Enabled' || record.nextRotationAt === null || record.nextRotationAt > now) return false;
      const next = now + (record.rotationPeriodDays ?? DEFAULT_ROTATION_PERIOD_DAYS) * DAY_MS;
      const claimed = await addMaterialVersion(model, scope, record, 'AUTOMATIC', now, { next_rotation_at: next });
      if (claimed) model.changed(scope, record.keyId);
      return claimed;
    });
    if (done) rotated++;
  }
  return rotated;
}

/**
 * Makes version current + 1 current (compare-and-set on the current
 * version) and stores its new material. False when another process rotated
 * the key first.
 */
async function addMaterialVersion(
  model: KmsModel,
  scope: KeyScope,
  record: KeyRecord,
  rotationType: RotationType,
  now: number,
  extra: { on_demand_rotations?: number; next_rotation_at?: number },
): Promise<boolean> {
  const version = record.currentMaterialVersion + 1;
  const claimed = await model.keys.updateKey(scope, record.keyId, { current_material_version: version, ...extra }, now, {
    current_material_version: record.currentMaterialVersion,
  });
  if (!claimed) return false;
  const material = model.keys.newMaterial(version, rotationType, now, await generateKeyMaterial(keySpecProfile(record.keySpec, record.keyUsage).material));
  await model.keys.insertMaterial(scope, record.keyId, material);
  // A multi-Region primary's replicas get the same material version now.
  const shared = extra.on_demand_rotations === undefined ? { current_material_version: version } : { current_material_version: version, on_demand_rotations: extra.on_demand_rotations };
  await syncReplicas(model, scope, record.keyId, shared, material, now);
  return true;
}
