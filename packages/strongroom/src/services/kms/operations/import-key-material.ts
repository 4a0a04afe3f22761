/** KMS ImportKeyMaterial: unwraps the material with the import token's private key and binds it to the key (same material on every re-import). */
import type { ImportKeyMaterialRequest, ImportKeyMaterialResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { importKeyMaterial as importMaterial } from '../imports/import-ops.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function importKeyMaterial(kms: KmsModel): OperationHandler<ImportKeyMaterialRequest, ImportKeyMaterialResponse> {
  return async (ctx, input) => {
    const result = await importMaterial(kms, callerOf(ctx), {
      keyIdParam: input.KeyId,
      importToken: input.ImportToken,
      encryptedKeyMaterial: input.EncryptedKeyMaterial,
      validTo: input.ValidTo,
      expirationModel: input.ExpirationModel,
      importType: input.ImportType,
      keyMaterialId: input.KeyMaterialId,
    });
    return { KeyId: result.keyArn, KeyMaterialId: result.keyMaterialId };
  };
}
