/** KMS CancelKeyDeletion: PendingDeletion (or a multi-Region primary's PendingReplicaDeletion) → Disabled. */
import type { CancelKeyDeletionRequest, CancelKeyDeletionResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { cancelKeyDeletion as cancel } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function cancelKeyDeletion(kms: KmsModel): OperationHandler<CancelKeyDeletionRequest, CancelKeyDeletionResponse> {
  return async (ctx, input) => {
    const record = await cancel(kms, callerOf(ctx), input.KeyId);
    return { KeyId: record.arn };
  };
}
