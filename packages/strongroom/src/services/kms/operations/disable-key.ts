/** KMS DisableKey: Enabled → Disabled; cryptographic operations then fail with DisabledException. */
import type { DisableKeyRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { setKeyEnabled } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function disableKey(kms: KmsModel): OperationHandler<DisableKeyRequest, Record<string, never>> {
  return async (ctx, input) => {
    await setKeyEnabled(kms, callerOf(ctx), input.KeyId, false);
    return {};
  };
}
