/** IAM Put/Delete User/Role PermissionsBoundary. */
import type {
  DeleteRolePermissionsBoundaryRequest,
  DeleteUserPermissionsBoundaryRequest,
  PutRolePermissionsBoundaryRequest,
  PutUserPermissionsBoundaryRequest,
} from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { requireBoundaryPolicy } from '../permissions-boundary.ts';
import { accountOf } from '../views.ts';

export function putUserPermissionsBoundary(iam: IamModel): OperationHandler<PutUserPermissionsBoundaryRequest, void> {
  return async (ctx, input) => {
    await requireBoundaryPolicy(iam, accountOf(ctx), input.PermissionsBoundary);
    await iam.users.setPermissionsBoundary(accountOf(ctx), input.UserName, input.PermissionsBoundary);
  };
}

export function deleteUserPermissionsBoundary(iam: IamModel): OperationHandler<DeleteUserPermissionsBoundaryRequest, void> {
  return async (ctx, input) => {
    await iam.users.setPermissionsBoundary(accountOf(ctx), input.UserName, null);
  };
}

export function putRolePermissionsBoundary(iam: IamModel): OperationHandler<PutRolePermissionsBoundaryRequest, void> {
  return async (ctx, input) => {
    await requireBoundaryPolicy(iam, accountOf(ctx), input.PermissionsBoundary);
    await iam.roles.setPermissionsBoundary(accountOf(ctx), input.RoleName, input.PermissionsBoundary);
  };
}

export function deleteRolePermissionsBoundary(iam: IamModel): OperationHandler<DeleteRolePermissionsBoundaryRequest, void> {
  return async (ctx, input) => {
    await iam.roles.setPermissionsBoundary(accountOf(ctx), input.RoleName, null);
  };
}
