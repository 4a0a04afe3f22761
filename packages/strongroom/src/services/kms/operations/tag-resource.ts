/** KMS TagResource: adds or overwrites tags (at most 50 per key, no aws: prefix). */
import type { TagResourceRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { changeKey } from '../model/key-lifecycle.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function tagResource(kms: KmsModel): OperationHandler<TagResourceRequest, Record<string, never>> {
  return async (ctx, input) => {
    const caller = callerOf(ctx);
    const tags = input.Tags.map((t) => ({ key: t.TagKey, value: t.TagValue }));
    await changeKey(kms, caller, input.KeyId, { state: 'manage', awsAction: 'TagResource' }, (record) => kms.tags.put(caller.scope, record.keyId, tags));
    return {};
  };
}
