/** IAM DeleteRole: DeleteConflict while it has inline or attached policies. Existing sessions of the role lose every permission. */
import type { DeleteRoleRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function deleteRole(iam: IamModel): OperationHandler<DeleteRoleRequest, void> {
  return async (ctx, input) => {
    await iam.roles.deleteRole(accountOf(ctx), input.RoleName);
  };
}
