/** KMS CreateAlias: a new alias/<name> for a key (alias/aws/* is reserved). */
import type { CreateAliasRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { createAlias as create } from '../model/alias-ops.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function createAlias(kms: KmsModel): OperationHandler<CreateAliasRequest, Record<string, never>> {
  return async (ctx, input) => {
    await create(kms, callerOf(ctx), input.AliasName, input.TargetKeyId);
    return {};
  };
}
