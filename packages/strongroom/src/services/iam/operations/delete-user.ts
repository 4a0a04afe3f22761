/** IAM DeleteUser: DeleteConflict while the user has access keys, groups or policies. */
import type { DeleteUserRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function deleteUser(iam: IamModel): OperationHandler<DeleteUserRequest, void> {
  return async (ctx, input) => {
    await iam.users.deleteUser(accountOf(ctx), input.UserName);
  };
}
