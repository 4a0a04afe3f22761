/** KMS ListGrants: the grants of one key (key id or key ARN), optionally one grant or one grantee's, Limit/Marker paginated. */
import type { ListGrantsRequest, ListGrantsResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { listGrants as list } from '../grants/grant-ops.ts';
import type { KmsGrants } from '../grants/kms-grants.ts';
import { toGrantListEntry } from '../grants/views.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { pageInfo, scopeOf } from '../views.ts';

export function listGrants(kms: KmsModel, grants: KmsGrants): OperationHandler<ListGrantsRequest, ListGrantsResponse> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    const key = await kms.findKey(scope, input.KeyId, { aliases: false });
    const page = await list(grants, scope, key.record.keyId, {
      grantId: input.GrantId,
      granteePrincipal: input.GranteePrincipal,
      granteeServicePrincipal: input.GranteeServicePrincipal,
      limit: input.Limit,
      marker: input.Marker,
    });
    return { Grants: page.items.map(toGrantListEntry), ...pageInfo(page) };
  };
}
