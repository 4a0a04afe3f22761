/** KMS ListAliases: the aliases in this account and region, or of one key; Limit/Marker paginated. */
import type { ListAliasesRequest, ListAliasesResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { listAliases as listAliasPage } from '../model/listings.ts';
import { pageInfo, scopeOf, toAliasEntry } from '../views.ts';

export function listAliases(kms: KmsModel): OperationHandler<ListAliasesRequest, ListAliasesResponse> {
  return async (ctx, input) => {
    const page = await listAliasPage(kms, scopeOf(ctx), { keyIdParam: input.KeyId, limit: input.Limit, marker: input.Marker });
    return { Aliases: page.items.map(toAliasEntry), ...pageInfo(page) };
  };
}
