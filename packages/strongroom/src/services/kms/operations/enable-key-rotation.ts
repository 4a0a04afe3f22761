/** KMS EnableKeyRotation: automatic rotation every RotationPeriodInDays (90–2560, default 365). */
import type { EnableKeyRotationRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { enableKeyRotation as enable } from '../model/rotation.ts';
import { callerOf } from '../views.ts';

export function enableKeyRotation(kms: KmsModel): OperationHandler<EnableKeyRotationRequest, Record<string, never>> {
  return async (ctx, input) => {
    await enable(kms, callerOf(ctx), input.KeyId, input.RotationPeriodInDays);
    return {};
  };
}
