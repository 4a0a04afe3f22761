/** IAM CreateUser: a user with optional path, permissions boundary and tags. */
import type { CreateUserRequest, CreateUserResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { requireBoundaryPolicy } from '../permissions-boundary.ts';
import { accountOf, fromTags, toUser } from '../views.ts';

export function createUser(iam: IamModel): OperationHandler<CreateUserRequest, CreateUserResponse> {
  return async (ctx, input) => {
    const accountId = accountOf(ctx);
    if (input.PermissionsBoundary !== undefined) await requireBoundaryPolicy(iam, accountId, input.PermissionsBoundary);
    const user = await iam.users.createUser(accountId, {
      userName: input.UserName,
      path: input.Path,
      permissionsBoundaryArn: input.PermissionsBoundary,
      tags: fromTags(input.Tags),
    });
    return { User: toUser(user, user.tags) };
  };
}
