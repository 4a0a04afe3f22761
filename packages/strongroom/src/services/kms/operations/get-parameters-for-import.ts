/** KMS GetParametersForImport: a fresh RSA wrapping public key (DER SPKI) and import token for an EXTERNAL key, valid 24 hours. */
import type { GetParametersForImportRequest, GetParametersForImportResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { getParametersForImport as getParameters } from '../imports/import-ops.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function getParametersForImport(kms: KmsModel): OperationHandler<GetParametersForImportRequest, GetParametersForImportResponse> {
  return async (ctx, input) => {
    const parameters = await getParameters(kms, callerOf(ctx), input.KeyId, input.WrappingAlgorithm, input.WrappingKeySpec);
    return {
      KeyId: parameters.keyArn,
      ImportToken: parameters.importToken,
      PublicKey: parameters.publicKey,
      ParametersValidTo: new Date(parameters.validTo),
    };
  };
}
