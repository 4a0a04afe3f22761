/** KMS ListKeys: the account's keys in this region (key id and ARN), Limit/Marker paginated. */
import type { ListKeysRequest, ListKeysResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { listKeys as listKeyPage } from '../model/listings.ts';
import { pageInfo, scopeOf } from '../views.ts';

export function listKeys(kms: KmsModel): OperationHandler<ListKeysRequest, ListKeysResponse> {
  return async (ctx, input) => {
    const page = await listKeyPage(kms, scopeOf(ctx), input.Limit, input.Marker);
    return { Keys: page.items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), ...pageInfo(page) };
  };
}
