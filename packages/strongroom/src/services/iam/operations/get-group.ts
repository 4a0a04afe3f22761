/** IAM GetGroup: the group and its members (Marker/MaxItems paginate the members). */
import type { GetGroupRequest, GetGroupResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { afterName, maxItems, namePage, pageFields } from '../paging.ts';
import { accountOf, toGroup, toUser } from '../views.ts';

export function getGroup(iam: IamModel): OperationHandler<GetGroupRequest, GetGroupResponse> {
  return async (ctx, input) => {
    const accountId = accountOf(ctx);
    const group = await iam.groups.requireGroup(accountId, input.GroupName);
    const rows = await iam.groups.listMembers(accountId, group.groupName, { after: afterName(input), limit: maxItems(input) + 1 });
    const page = namePage(rows, input, (u) => u.userName);
    return { Group: toGroup(group), Users: page.items.map((u) => toUser(u)), ...pageFields(page) };
  };
}
