/** IAM CreateGroup. */
import type { CreateGroupRequest, CreateGroupResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { accountOf, toGroup } from '../views.ts';

export function createGroup(iam: IamModel): OperationHandler<CreateGroupRequest, CreateGroupResponse> {
  return async (ctx, input) => ({ Group: toGroup(await iam.groups.createGroup(accountOf(ctx), input.GroupName, input.Path ?? '/')) });
}
