/** IAM ListGroups and ListGroupsForUser. */
import type { ListGroupsForUserRequest, ListGroupsForUserResponse, ListGroupsRequest, ListGroupsResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { afterName, listPage, maxItems, namePage, pageFields } from '../paging.ts';
import { accountOf, toGroup } from '../views.ts';

export function listGroups(iam: IamModel): OperationHandler<ListGroupsRequest, ListGroupsResponse> {
  return async (ctx, input) => {
    const rows = await iam.groups.listGroups(accountOf(ctx), { pathPrefix: input.PathPrefix, after: afterName(input), limit: maxItems(input) + 1 });
    const page = namePage(rows, input, (g) => g.groupName);
    return { Groups: page.items.map(toGroup), ...pageFields(page) };
  };
}

export function listGroupsForUser(iam: IamModel): OperationHandler<ListGroupsForUserRequest, ListGroupsForUserResponse> {
  return async (ctx, input) => {
    const accountId = accountOf(ctx);
    const user = await iam.users.requireUser(accountId, input.UserName);
    const page = listPage(await iam.groups.groupsOfUser(accountId, user.userName), input);
    return { Groups: page.items.map(toGroup), ...pageFields(page) };
  };
}
