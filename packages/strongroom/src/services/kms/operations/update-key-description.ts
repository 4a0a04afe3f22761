/** KMS UpdateKeyDescription: replaces a key's description (not while pending deletion). */
import type { UpdateKeyDescriptionRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { updateDescription } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function updateKeyDescription(kms: KmsModel): OperationHandler<UpdateKeyDescriptionRequest, Record<string, never>> {
  return async (ctx, input) => {
    await updateDescription(kms, callerOf(ctx), input.KeyId, input.Description);
    return {};
  };
}
