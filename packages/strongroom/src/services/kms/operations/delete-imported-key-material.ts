/** KMS DeleteImportedKeyMaterial: the key's imported material is gone (PendingImport) until the same material is imported again. */
import type { DeleteImportedKeyMaterialRequest, DeleteImportedKeyMaterialResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { deleteImportedKeyMaterial as deleteMaterial } from '../imports/import-ops.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function deleteImportedKeyMaterial(kms: KmsModel): OperationHandler<DeleteImportedKeyMaterialRequest, DeleteImportedKeyMaterialResponse> {
  return async (ctx, input) => {
    const result = await deleteMaterial(kms, callerOf(ctx), input.KeyId, input.KeyMaterialId);
    return { KeyId: result.keyArn, KeyMaterialId: result.keyMaterialId };
  };
}
