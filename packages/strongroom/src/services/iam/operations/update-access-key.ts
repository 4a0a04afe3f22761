/** IAM UpdateAccessKey: Active ↔ Inactive. An Inactive key is refused at SigV4 by every server process once this commits. */
import { AwsError } from '../../../errors/aws-error.ts';
import type { UpdateAccessKeyRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { userNameOrCaller } from '../caller.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function updateAccessKey(iam: IamModel): OperationHandler<UpdateAccessKeyRequest, void> {
  return async (ctx, input) => {
    if (input.Status !== 'Active' && input.Status !== 'Inactive') {
      throw new AwsError('ValidationError', `Invalid value for parameter Status, value: ${input.Status}, valid values: Active, Inactive`, 400);
    }
    await iam.identity.updateAccessKeyStatus(accountOf(ctx), userNameOrCaller(ctx, input.UserName), input.AccessKeyId, input.Status);
  };
}
