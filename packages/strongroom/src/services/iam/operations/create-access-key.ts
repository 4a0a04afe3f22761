/** IAM CreateAccessKey: a new Active key (at most two per user) for the named user or the caller. */
import type { CreateAccessKeyRequest, CreateAccessKeyResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { userNameOrCaller } from '../caller.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf } from '../views.ts';

export function createAccessKey(iam: IamModel): OperationHandler<CreateAccessKeyRequest, CreateAccessKeyResponse> {
  return async (ctx, input) => {
    const key = await iam.identity.createAccessKey(accountOf(ctx), userNameOrCaller(ctx, input.UserName));
    return {
      AccessKey: { UserName: key.userName, AccessKeyId: key.accessKeyId, Status: key.status, SecretAccessKey: key.secretAccessKey, CreateDate: new Date(key.createdAt) },
    };
  };
}
