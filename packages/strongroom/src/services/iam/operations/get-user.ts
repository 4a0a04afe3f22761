/** IAM GetUser: the named user, or without UserName the caller (the root user too). */
import type { GetUserRequest, GetUserResponse, User } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { userNameOrCaller } from '../caller.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf, toUser } from '../views.ts';

export function getUser(iam: IamModel): OperationHandler<GetUserRequest, GetUserResponse> {
  return async (ctx, input) => {
    const accountId = accountOf(ctx);
    if (input.UserName === undefined && ctx.principal.kind === 'root') {
      const account = await iam.store.current().selectFrom('accounts').select('created_at').where('account_id', '=', accountId).executeTakeFirst();
      // The root user has no UserName: AWS returns its id (the account), ARN and creation date only.
      const root = { UserId: accountId, Arn: ctx.principal.arn, CreateDate: new Date(Number(account?.created_at ?? 0)) } as User;
      return { User: root };
    }
    const user = await iam.users.requireUser(accountId, userNameOrCaller(ctx, input.UserName));
    return { User: toUser(user, user.tags) };
  };
}
