/** IAM ListAccessKeys: the named user's (or the caller's) keys, without secrets. */
import type { ListAccessKeysRequest, ListAccessKeysResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { userNameOrCaller } from '../caller.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields } from '../paging.ts';
import { accountOf } from '../views.ts';

export function listAccessKeys(iam: IamModel): OperationHandler<ListAccessKeysRequest, ListAccessKeysResponse> {
  return async (ctx, input) => {
    // The root user has no access keys in Strongroom.
    if (input.UserName === undefined && ctx.principal.kind === 'root') return { AccessKeyMetadata: [], IsTruncated: false };
    const keys = await iam.identity.listAccessKeys(accountOf(ctx), userNameOrCaller(ctx, input.UserName));
    const page = listPage(keys, input);
    return {
      AccessKeyMetadata: page.items.map((k) => ({ UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: new Date(k.createdAt) })),
      ...pageFields(page),
    };
  };
}
