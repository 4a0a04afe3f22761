/** IAM DeleteGroup: DeleteConflict while it has members or policies. */
import type { DeleteGroupRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function deleteGroup(iam: IamModel): OperationHandler<DeleteGroupRequest, void> {
  return async (ctx, input) => {
    await iam.groups.deleteGroup(accountOf(ctx), input.GroupName);
  };
}
