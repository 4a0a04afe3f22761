/** IAM DeleteAccessKey: the key stops authenticating everywhere once this commits. */
import type { DeleteAccessKeyRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { userNameOrCaller } from '../caller.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function deleteAccessKey(iam: IamModel): OperationHandler<DeleteAccessKeyRequest, void> {
  return async (ctx, input) => {
    await iam.identity.deleteAccessKey(accountOf(ctx), userNameOrCaller(ctx, input.UserName), input.AccessKeyId);
  };
}
