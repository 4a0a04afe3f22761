/** IAM GetRole: the role with its URL-encoded trust policy, tags and RoleLastUsed. */
import type { GetRoleRequest, GetRoleResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf, toRole } from '../views.ts';

export function getRole(iam: IamModel): OperationHandler<GetRoleRequest, GetRoleResponse> {
  return async (ctx, input) => ({ Role: toRole(await iam.roles.requireRole(accountOf(ctx), input.RoleName), true) });
}
