/** KMS EnableKey: Disabled → Enabled (Enabled stays Enabled; PendingDeletion refuses). */
import type { EnableKeyRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { setKeyEnabled } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function enableKey(kms: KmsModel): OperationHandler<EnableKeyRequest, Record<string, never>> {
  return async (ctx, input) => {
    await setKeyEnabled(kms, callerOf(ctx), input.KeyId, true);
    return {};
  };
}
