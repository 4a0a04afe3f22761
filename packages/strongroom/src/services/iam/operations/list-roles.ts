/** IAM ListRoles: by name, optionally under a path prefix; without tags, as AWS lists them. */
import type { ListRolesRequest, ListRolesResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { afterName, maxItems, namePage, pageFields } from '../paging.ts';
import { accountOf, toRole } from '../views.ts';

export function listRoles(iam: IamModel): OperationHandler<ListRolesRequest, ListRolesResponse> {
  return async (ctx, input) => {
    const rows = await iam.roles.listRoles(accountOf(ctx), { pathPrefix: input.PathPrefix, after: afterName(input), limit: maxItems(input) + 1 });
    const page = namePage(rows, input, (r) => r.roleName);
    return { Roles: page.items.map((r) => toRole(r, false)), ...pageFields(page) };
  };
}
