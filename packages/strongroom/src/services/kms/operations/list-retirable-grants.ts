/** KMS ListRetirableGrants: the grants in this region, on keys of any account, whose retiring principal is the one given. */
import type { ListGrantsResponse, ListRetirableGrantsRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { unsupportedOperation } from '../errors.ts';
import { grantValidation } from '../grants/errors.ts';
import { listRetirableGrants as list } from '../grants/grant-ops.ts';
import type { KmsGrants } from '../grants/kms-grants.ts';
import { toGrantListEntry } from '../grants/views.ts';
import { pageInfo } from '../views.ts';

export function listRetirableGrants(grants: KmsGrants): OperationHandler<ListRetirableGrantsRequest, ListGrantsResponse> {
  return async (ctx, input) => {
    if (input.RetiringServicePrincipal !== undefined) throw unsupportedOperation('RetiringServicePrincipal is only usable by callers in a service principal.');
    if (input.RetiringPrincipal === undefined) throw grantValidation('RetiringPrincipal must be specified.');
    const page = await list(grants, ctx.region, input.RetiringPrincipal, input.Limit, input.Marker);
    return { Grants: page.items.map(toGrantListEntry), ...pageInfo(page) };
  };
}
