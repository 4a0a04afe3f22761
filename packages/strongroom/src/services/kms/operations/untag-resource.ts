/** KMS UntagResource: removes tags by key; unknown tag keys are ignored. */
import type { UntagResourceRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { changeKey } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function untagResource(kms: KmsModel): OperationHandler<UntagResourceRequest, Record<string, never>> {
  return async (ctx, input) => {
    const caller = callerOf(ctx);
    await changeKey(kms, caller, input.KeyId, { state: 'manage', awsAction: 'UntagResource' }, (record) =>
      kms.tags.remove(caller.scope, record.keyId, input.TagKeys),
    );
    return {};
  };
}
