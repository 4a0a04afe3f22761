/**
 * Imported key material (Origin EXTERNAL, symmetric encryption keys):
 * GetParametersForImport, ImportKeyMaterial and DeleteImportedKeyMaterial.
 *
 * A key is bound to the first material imported into it: its id (derived
 * from the key id and the material) stays on the key row, and later imports
 * must bring the same material (IncorrectKeyMaterialException otherwise).
 * Importing new material for on-demand rotation (ImportType
 * NEW_KEY_MATERIAL on a key that already has material) is not supported.
 */
import { hmacSha256 } from '../../../crypto/primitives.ts';
import type { AlgorithmSpec, ExpirationModelType, ImportType, WrappingKeySpec } from '../../../protocol/spec/generated/kms.types.ts';
import { NotFoundException } from '../../../protocol/spec/generated/kms.errors.ts';
import { invalidCiphertext, keyPendingDeletion, unsupportedOperation, validationError } from '../errors.ts';
import type { Caller, KmsModel } from '../model/kms-model.ts';
import type { KeyRecord } from '../model/types.ts';
import {
  expiredImportToken,
  incorrectKeyMaterial,
  invalidEncryptedKeySize,
  invalidImportToken,
  originNotValid,
  validToNotAllowed,
  validToRequired,
} from './errors.ts';
import { removeImportedMaterial, storeImportedMaterial } from './material-store.ts';
import { isSupportedWrappingAlgorithm, isSupportedWrappingKeySpec, unwrapKeyMaterial } from './wrapping.ts';

const DAY_MS = 86_400_000;
/** ValidTo may be at most this far ahead. */
export const MAX_VALID_TO_DAYS = 365;
/** SYMMETRIC_DEFAULT material: a 256-bit AES key. */
const SYMMETRIC_MATERIAL_BYTES = 32;

/** The KeyMaterialId of imported material: derived from the key id and the material (64 hex digits). */
export function importedMaterialId(keyId: string, material: Uint8Array): string {
  return hmacSha256(material, `strongroom/kms/imported-key-material-id/${keyId}`).toString('hex');
}

/** The key for an import operation: locked, EXTERNAL, not pending deletion (unless `allowPendingDeletion`). */
async function lockImportKey(model: KmsModel, caller: Caller, keyIdParam: string, action: string, allowPendingDeletion = false): Promise<KeyRecord> {
  const record = await model.lockKey(caller.scope, keyIdParam);
  model.denyIfAwsManaged(caller, record, action);
  if (record.origin !== 'EXTERNAL') throw originNotValid(record.arn, record.origin);
  if (!allowPendingDeletion && record.keyState === 'PendingDeletion') throw keyPendingDeletion(record.arn);
  return record;
}

/** Whether the key still has material rows (expired material the sweep has not removed yet has them too). */
async function materialRowsExist(model: KmsModel, record: KeyRecord): Promise<boolean> {
  const row = await model.store
    .current()
    .selectFrom('kms_key_materials')
    .select('version')
    .where('account_id', '=', record.accountId)
    .where('region', '=', record.region)
    .where('key_id', '=', record.keyId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface ImportParameters {
  keyArn: string;
  importToken: Buffer;
  publicKey: Buffer;
  validTo: number;
}

export async function getParametersForImport(
  model: KmsModel,
  caller: Caller,
  keyIdParam: string,
  algorithm: AlgorithmSpec,
  wrappingKeySpec: WrappingKeySpec,
): Promise<ImportParameters> {
  if (!isSupportedWrappingAlgorithm(algorithm)) throw validationError(`Wrapping algorithm ${algorithm} is not supported.`);
  if (!isSupportedWrappingKeySpec(wrappingKeySpec)) throw validationError(`Wrapping key spec ${wrappingKeySpec} is not supported.`);
  // Check the key before the (slow) key generation, and again under the lock when storing.
  await model.store.transaction(() => lockImportKey(model, caller, keyIdParam, 'GetParametersForImport'));
  const keyPair = await model.importParameters.generateKeyPair(wrappingKeySpec);
  return model.store.transaction(async () => {
    const record = await lockImportKey(model, caller, keyIdParam, 'GetParametersForImport');
    const stored = await model.importParameters.insert(caller.scope, record.keyId, algorithm, wrappingKeySpec, keyPair, model.now());
    return { keyArn: record.arn, ...stored };
  });
}

export interface ImportRequest {
  keyIdParam: string;
  importToken: Uint8Array;
  encryptedKeyMaterial: Uint8Array;
  validTo?: Date;
  expirationModel?: ExpirationModelType;
  importType?: ImportType;
  keyMaterialId?: string;
}

/** Checks ExpirationModel (default KEY_MATERIAL_EXPIRES) and ValidTo; the expiry to store. */
export function resolveExpiry(request: Pick<ImportRequest, 'validTo' | 'expirationModel'>, now: number): { expirationModel: ExpirationModelType; validTo: number | null } {
  const expirationModel = request.expirationModel ?? 'KEY_MATERIAL_EXPIRES';
  if (expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
    if (request.validTo !== undefined) throw validToNotAllowed();
    return { expirationModel, validTo: null };
  }
  if (request.validTo === undefined) throw validToRequired();
  const validTo = request.validTo.getTime();
  if (validTo <= now) throw validationError('ValidTo must be in the future.');
  if (validTo > now + MAX_VALID_TO_DAYS * DAY_MS) throw validationError(`ValidTo must be at most ${MAX_VALID_TO_DAYS} days in the future.`);
  return { expirationModel, validTo };
}

export async function importKeyMaterial(model: KmsModel, caller: Caller, request: ImportRequest): Promise<{ keyArn: string; keyMaterialId: string }> {
  const expiry = resolveExpiry(request, model.now());
  if (request.keyMaterialId !== undefined && request.importType === 'NEW_KEY_MATERIAL') {
    throw validationError('KeyMaterialId cannot be specified when ImportType is NEW_KEY_MATERIAL.');
  }
  return model.store.transaction(async () => {
    const record = await lockImportKey(model, caller, request.keyIdParam, 'ImportKeyMaterial');
    const now = model.now();
    const parameters = await model.importParameters.find(caller.scope, request.importToken);
    if (!parameters || parameters.keyId !== record.keyId) throw invalidImportToken();
    if (parameters.validTo <= now) throw expiredImportToken();
    const unwrapped = unwrapKeyMaterial(parameters.wrappingAlgorithm, parameters.privateKey, request.encryptedKeyMaterial);
    parameters.privateKey.fill(0);
    if (!unwrapped.ok) throw unwrapped.reason === 'size' ? invalidEncryptedKeySize() : invalidCiphertext();
    const material = unwrapped.material;
    try {
      if (material.length !== SYMMETRIC_MATERIAL_BYTES) throw incorrectKeyMaterial();
      const materialId = importedMaterialId(record.keyId, material);
      if (request.keyMaterialId !== undefined && request.keyMaterialId !== materialId) throw incorrectKeyMaterial();
      if (record.importedMaterialId) {
        if (request.importType === 'NEW_KEY_MATERIAL') {
          // The same material again is not new; different material would be a rotation.
          if (materialId === record.importedMaterialId) throw incorrectKeyMaterial();
          throw unsupportedOperation('Importing new key material for on-demand rotation is not supported by Strongroom yet.');
        }
        if (materialId !== record.importedMaterialId) throw incorrectKeyMaterial();
      }
      let present = Boolean(record.expirationModel);
      if (!present && (await materialRowsExist(model, record))) {
        // Expired, and the sweep has not removed it yet: remove it now, then import afresh.
        await removeImportedMaterial(model, record, now);
      }
      present = present && (await materialRowsExist(model, record));
      await storeImportedMaterial(model, record, { key: material, materialId, ...expiry }, present, now);
      model.changed(caller.scope, record.keyId);
      return { keyArn: record.arn, keyMaterialId: materialId };
    } finally {
      material.fill(0);
    }
  });
}

/** Removes the key's imported material: PendingImport (unless pending deletion) until the same material is imported again. */
export async function deleteImportedKeyMaterial(model: KmsModel, caller: Caller, keyIdParam: string, keyMaterialId?: string): Promise<{ keyArn: string; keyMaterialId: string }> {
  return model.store.transaction(async () => {
    const record = await lockImportKey(model, caller, keyIdParam, 'DeleteImportedKeyMaterial', true);
    if (keyMaterialId !== undefined && keyMaterialId !== record.importedMaterialId) {
      throw new NotFoundException(`Key material ${keyMaterialId} is not associated with ${record.arn}.`);
    }
    await removeImportedMaterial(model, record, model.now());
    model.changed(caller.scope, record.keyId);
    return { keyArn: record.arn, keyMaterialId: record.importedMaterialId ?? '' };
  });
}
