/** IAM CreateRole: trust policy validated (Principal required), MaxSessionDuration 3600–43200, optional boundary and tags. */
import type { CreateRoleRequest, CreateRoleResponse } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { requireBoundaryPolicy } from '../permissions-boundary.ts';
import { accountOf, fromTags, toRole } from '../views.ts';

export function createRole(iam: IamModel): OperationHandler<CreateRoleRequest, CreateRoleResponse> {
  return async (ctx, input) => {
    const accountId = accountOf(ctx);
    if (input.PermissionsBoundary !== undefined) await requireBoundaryPolicy(iam, accountId, input.PermissionsBoundary);
    const role = await iam.roles.createRole(accountId, {
      roleName: input.RoleName,
      path: input.Path,
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration,
      permissionsBoundaryArn: input.PermissionsBoundary,
      tags: fromTags(input.Tags),
    });
    const view = toRole(role, true);
    delete view.RoleLastUsed;
    return { Role: view };
  };
}
