/** KMS DisableKeyRotation: stops automatic rotation (on-demand rotation stays possible). */
import type { DisableKeyRotationRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { disableKeyRotation as disable } from '../model/rotation.ts';
import { callerOf } from '../views.ts';

export function disableKeyRotation(kms: KmsModel): OperationHandler<DisableKeyRotationRequest, Record<string, never>> {
  return async (ctx, input) => {
    await disable(kms, callerOf(ctx), input.KeyId);
    return {};
  };
}
