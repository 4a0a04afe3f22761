/** KMS UpdatePrimaryRegion: the replica in PrimaryRegion becomes the primary key, the current primary a replica. No output. */
import type { UpdatePrimaryRegionRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { updatePrimaryRegion as update } from '../multi-region/update-primary.ts';
import { callerOf } from '../views.ts';

export function updatePrimaryRegion(kms: KmsModel): OperationHandler<UpdatePrimaryRegionRequest, Record<string, never>> {
  return async (ctx, input) => {
    await update(kms, callerOf(ctx), input.KeyId, input.PrimaryRegion);
    return {};
  };
}
