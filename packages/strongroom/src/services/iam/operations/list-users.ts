/** IAM ListUsers: by name, optionally under a path prefix; Marker/MaxItems paginated. */
import type { ListUsersRequest, ListUsersResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { afterName, maxItems, namePage, pageFields } from '../paging.ts';
import { accountOf, toUser } from '../views.ts';

export function listUsers(iam: IamModel): OperationHandler<ListUsersRequest, ListUsersResponse> {
  return async (ctx, input) => {
    const rows = await iam.users.listUsers(accountOf(ctx), { pathPrefix: input.PathPrefix, after: afterName(input), limit: maxItems(input) + 1 });
    const page = namePage(rows, input, (u) => u.userName);
    return { Users: page.items.map((u) => toUser(u)), ...pageFields(page) };
  };
}
