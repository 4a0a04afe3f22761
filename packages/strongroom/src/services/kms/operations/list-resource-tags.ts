/** KMS ListResourceTags: a key's tags in tag-key order, Limit/Marker paginated. */
import type { ListResourceTagsRequest, ListResourceTagsResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { listTags } from '../model/listings.ts';
import { pageInfo, scopeOf } from '../views.ts';

export function listResourceTags(kms: KmsModel): OperationHandler<ListResourceTagsRequest, ListResourceTagsResponse> {
  return async (ctx, input) => {
    const page = await listTags(kms, scopeOf(ctx), input.KeyId, input.Limit, input.Marker);
    return { Tags: page.items.map((t) => ({ TagKey: t.key, TagValue: t.value })), ...pageInfo(page) };
  };
}
