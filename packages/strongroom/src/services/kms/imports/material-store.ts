/**
 * Writing imported material: bind it to the key (first import), store it
 * sealed like generated material, and remove it again (DeleteImportedKeyMaterial,
 * expiry). The key row keeps the material's id after removal, so only the
 * same material can be imported again.
 */
import type { ExpirationModelType, KeyState } from '../../../protocol/spec/generated/kms.types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import type { KeyRecord } from '../model/types.ts';

export interface ImportedMaterial {
  /** The unsealed 32-byte key. Never logged, never stored unsealed. */
  key: Buffer;
  materialId: string;
  expirationModel: ExpirationModelType;
  validTo: number | null;
}

/** Stores `material` as the key's version (if it is not there already) and sets its expiry; the key becomes Enabled unless Disabled. */
export async function storeImportedMaterial(model: KmsModel, record: KeyRecord, material: ImportedMaterial, materialPresent: boolean, now: number): Promise<void> {
  const scope = { accountId: record.accountId, region: record.region };
  if (!materialPresent) {
    await model.keys.insertMaterial(scope, record.keyId, {
      version: record.currentMaterialVersion,
      materialId: material.materialId,
      key: material.key,
      createdAt: now,
      rotationType: null,
    });
  }
  // Re-importing into a Disabled key (to change the expiry) leaves it Disabled; PendingImport becomes Enabled.
  const state: KeyState = record.keyState === 'PendingImport' ? 'Enabled' : record.keyState;
  await model.keys.updateKey(scope, record.keyId, {
    key_state: state,
    expiration_model: material.expirationModel,
    valid_to: material.validTo,
    imported_material_id: material.materialId,
  }, now);
}

/** Deletes the key's material rows and clears its expiry; PendingImport unless the key is pending deletion. */
export async function removeImportedMaterial(model: KmsModel, record: KeyRecord, now: number): Promise<void> {
  await model.store
    .current()
    .deleteFrom('kms_key_materials')
    .where('account_id', '=', record.accountId)
    .where('region', '=', record.region)
    .where('key_id', '=', record.keyId)
    .execute();
  const state: KeyState = record.keyState === 'PendingDeletion' ? 'PendingDeletion' : 'PendingImport';
  await model.keys.updateKey({ accountId: record.accountId, region: record.region }, record.keyId, { key_state: state, expiration_model: null, valid_to: null }, now);
}
