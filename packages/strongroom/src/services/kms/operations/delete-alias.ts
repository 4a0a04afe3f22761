/** KMS DeleteAlias: removes an alias; the key is unaffected. */
import type { DeleteAliasRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { deleteAlias as remove } from '../model/alias-ops.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function deleteAlias(kms: KmsModel): OperationHandler<DeleteAliasRequest, Record<string, never>> {
  return async (ctx, input) => {
    await remove(kms, callerOf(ctx), input.AliasName);
    return {};
  };
}
