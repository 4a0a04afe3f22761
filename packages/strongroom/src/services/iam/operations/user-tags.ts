/** IAM TagUser, UntagUser, ListUserTags. Tag changes reach aws:PrincipalTag at once (the user's keys are invalidated). */
import type { ListUserTagsRequest, ListUserTagsResponse, TagUserRequest, UntagUserRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields } from '../paging.ts';
import { accountOf, fromTags, toTags } from '../views.ts';

export function tagUser(iam: IamModel): OperationHandler<TagUserRequest, void> {
  return async (ctx, input) => {
    await iam.users.tagUser(accountOf(ctx), input.UserName, fromTags(input.Tags));
  };
}

export function untagUser(iam: IamModel): OperationHandler<UntagUserRequest, void> {
  return async (ctx, input) => {
    await iam.users.untagUser(accountOf(ctx), input.UserName, input.TagKeys);
  };
}

export function listUserTags(iam: IamModel): OperationHandler<ListUserTagsRequest, ListUserTagsResponse> {
  return async (ctx, input) => {
    const page = listPage(await iam.users.listUserTags(accountOf(ctx), input.UserName), input);
    return { Tags: toTags(page.items), ...pageFields(page) };
  };
}
