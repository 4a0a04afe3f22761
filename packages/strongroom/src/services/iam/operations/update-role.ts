/** IAM UpdateAssumeRolePolicy and UpdateRole (description, maximum session duration). */
import type { UpdateAssumeRolePolicyRequest, UpdateRoleRequest, UpdateRoleResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function updateAssumeRolePolicy(iam: IamModel): OperationHandler<UpdateAssumeRolePolicyRequest, void> {
  return async (ctx, input) => {
    await iam.roles.updateAssumeRolePolicy(accountOf(ctx), input.RoleName, input.PolicyDocument);
  };
}

export function updateRole(iam: IamModel): OperationHandler<UpdateRoleRequest, UpdateRoleResponse> {
  return async (ctx, input) => {
    await iam.roles.updateRole(accountOf(ctx), input.RoleName, { description: input.Description, maxSessionDuration: input.MaxSessionDuration });
    return {};
  };
}
