/** KMS ScheduleKeyDeletion: PendingDeletion for 7–30 days (default 30); the key is deleted when the date passes. */
import type { ScheduleKeyDeletionRequest, ScheduleKeyDeletionResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { scheduleKeyDeletion as schedule } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function scheduleKeyDeletion(kms: KmsModel): OperationHandler<ScheduleKeyDeletionRequest, ScheduleKeyDeletionResponse> {
  return async (ctx, input) => {
    const scheduled = await schedule(kms, callerOf(ctx), input.KeyId, input.PendingWindowInDays);
    return {
      KeyId: scheduled.record.arn,
      DeletionDate: new Date(scheduled.deletionDate),
      KeyState: 'PendingDeletion',
      PendingWindowInDays: scheduled.pendingWindowInDays,
    };
  };
}
