/** IAM TagRole, UntagRole, ListRoleTags. */
import type { ListRoleTagsRequest, ListRoleTagsResponse, TagRoleRequest, UntagRoleRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields } from '../paging.ts';
import { accountOf, fromTags, toTags } from '../views.ts';

export function tagRole(iam: IamModel): OperationHandler<TagRoleRequest, void> {
  return async (ctx, input) => {
    await iam.roles.tagRole(accountOf(ctx), input.RoleName, fromTags(input.Tags));
  };
}

export function untagRole(iam: IamModel): OperationHandler<UntagRoleRequest, void> {
  return async (ctx, input) => {
    await iam.roles.untagRole(accountOf(ctx), input.RoleName, input.TagKeys);
  };
}

export function listRoleTags(iam: IamModel): OperationHandler<ListRoleTagsRequest, ListRoleTagsResponse> {
  return async (ctx, input) => {
    const role = await iam.roles.requireRole(accountOf(ctx), input.RoleName);
    const page = listPage(role.tags, input);
    return { Tags: toTags(page.items), ...pageFields(page) };
  };
}
