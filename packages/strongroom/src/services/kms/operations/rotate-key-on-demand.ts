/** KMS RotateKeyOnDemand: new key material now (at most 25 times per key); the automatic schedule is unchanged. */
import type { RotateKeyOnDemandRequest, RotateKeyOnDemandResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { rotateKeyOnDemand as rotate } from '../model/rotation.ts';
import { callerOf } from '../views.ts';

export function rotateKeyOnDemand(kms: KmsModel): OperationHandler<RotateKeyOnDemandRequest, RotateKeyOnDemandResponse> {
  return async (ctx, input) => {
    const record = await rotate(kms, callerOf(ctx), input.KeyId);
    return { KeyId: record.keyId };
  };
}
