/** KMS UpdateAlias: points an existing alias at another key. */
import type { UpdateAliasRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { updateAlias as update } from '../model/alias-ops.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function updateAlias(kms: KmsModel): OperationHandler<UpdateAliasRequest, Record<string, never>> {
  return async (ctx, input) => {
    await update(kms, callerOf(ctx), input.AliasName, input.TargetKeyId);
    return {};
  };
}
