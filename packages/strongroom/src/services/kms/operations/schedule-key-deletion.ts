/**
 * KMS ScheduleKeyDeletion: PendingDeletion for 7–30 days (default 30); the key is deleted when the date passes.
 * A multi-Region primary with replicas goes to PendingReplicaDeletion, without a DeletionDate yet.
 */
import type { ScheduleKeyDeletionRequest, ScheduleKeyDeletionResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { scheduleKeyDeletion as schedule } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function scheduleKeyDeletion(kms: KmsModel): OperationHandler<ScheduleKeyDeletionRequest, ScheduleKeyDeletionResponse> {
  return async (ctx, input) => {
    const scheduled = await schedule(kms, callerOf(ctx), input.KeyId, input.PendingWindowInDays);
    const output: ScheduleKeyDeletionResponse = { KeyId: scheduled.record.arn };
    if (scheduled.deletionDate !== null) output.DeletionDate = new Date(scheduled.deletionDate);
    output.KeyState = scheduled.keyState;
    output.PendingWindowInDays = scheduled.pendingWindowInDays;
    return output;
  };
}
