/** DescribeKey's fields for keys with imported material: ExpirationModel and ValidTo while material is imported. */
import type { KeyMetadata } from '../../../protocol/spec/generated/kms.types.ts';
import type { KeyRecord } from '../model/types.ts';

export function importedMaterialMetadata(record: KeyRecord): Pick<KeyMetadata, 'ExpirationModel' | 'ValidTo'> {
  const fields: Pick<KeyMetadata, 'ExpirationModel' | 'ValidTo'> = {};
  if (record.expirationModel) fields.ExpirationModel = record.expirationModel;
  if (record.expirationModel === 'KEY_MATERIAL_EXPIRES' && record.validTo !== null && record.validTo !== undefined) fields.ValidTo = new Date(record.validTo);
  return fields;
}
