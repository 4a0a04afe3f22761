/** KMS GetKeyRotationStatus: whether automatic rotation is on, its period and next date. */
import type { GetKeyRotationStatusRequest, GetKeyRotationStatusResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function getKeyRotationStatus(kms: KmsModel): OperationHandler<GetKeyRotationStatusRequest, GetKeyRotationStatusResponse> {
  return async (ctx, input) => {
    const { record } = await kms.findKey(scopeOf(ctx), input.KeyId, { aliases: false });
    const output: GetKeyRotationStatusResponse = { KeyRotationEnabled: record.rotationEnabled, KeyId: record.keyId };
    if (record.rotationEnabled) {
      if (record.rotationPeriodDays !== null) output.RotationPeriodInDays = record.rotationPeriodDays;
      if (record.nextRotationAt !== null) output.NextRotationDate = new Date(record.nextRotationAt);
    }
    return output;
  };
}
