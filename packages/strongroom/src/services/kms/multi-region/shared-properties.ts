/**
 * Properties a primary shares with its replicas: key material and automatic
 * rotation. They are managed on the primary only and copied to every live
 * replica in the same transaction, so a ciphertext made under the newest
 * material in one region decrypts in every other region at once.
 */
import type { KmsKeysTable } from '../../../storage/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import type { KeyMaterial, KeyRecord, KeyScope } from '../model/types.ts';
import { rotationOnReplica } from './errors.ts';
import { isMultiRegionKeyId } from './ids.ts';

export type SharedUpdate = Partial<Pick<KmsKeysTable, 'rotation_enabled' | 'rotation_period_days' | 'on_demand_rotations' | 'current_material_version'>>;

/** Rotation settings and on-demand rotation: UnsupportedOperationException on a replica. */
export async function assertRotationManagedHere(model: KmsModel, scope: KeyScope, record: KeyRecord): Promise<void> {
  if (!isMultiRegionKeyId(record.keyId)) return;
  const info = await model.multiRegion.info(scope, record.keyId, model.now());
  if (info?.keyType === 'REPLICA') throw rotationOnReplica(record.arn);
}

/** After the primary in `scope` changed: the same update, and the new material if any, on every live replica. */
export async function syncReplicas(model: KmsModel, scope: KeyScope, keyId: string, update: SharedUpdate, material: KeyMaterial | undefined, now: number): Promise<void> {
  if (!isMultiRegionKeyId(keyId)) return;
  for (const member of await model.multiRegion.members(scope.accountId, keyId, now)) {
    if (member.keyType !== 'REPLICA') continue;
    const replica = { accountId: scope.accountId, region: member.region };
    if (material) await model.keys.insertMaterial(replica, keyId, material);
    await model.keys.updateKey(replica, keyId, update, now);
    model.changed(replica, keyId);
  }
}
