/** IAM AddUserToGroup and RemoveUserFromGroup. */
import type { AddUserToGroupRequest, RemoveUserFromGroupRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function addUserToGroup(iam: IamModel): OperationHandler<AddUserToGroupRequest, void> {
  return async (ctx, input) => {
    await iam.groups.addUserToGroup(accountOf(ctx), input.GroupName, input.UserName);
  };
}

export function removeUserFromGroup(iam: IamModel): OperationHandler<RemoveUserFromGroupRequest, void> {
  return async (ctx, input) => {
    await iam.groups.removeUserFromGroup(accountOf(ctx), input.GroupName, input.UserName);
  };
}
