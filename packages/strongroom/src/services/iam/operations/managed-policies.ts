/** IAM CreatePolicy, GetPolicy, ListPolicies, DeletePolicy. */
import type {
  CreatePolicyRequest,
  CreatePolicyResponse,
  DeletePolicyRequest,
  GetPolicyRequest,
  GetPolicyResponse,
  ListPoliciesRequest,
  ListPoliciesResponse,
} from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields } from '../paging.ts';
import { accountOf, toPolicy } from '../views.ts';

export function createPolicy(iam: IamModel): OperationHandler<CreatePolicyRequest, CreatePolicyResponse> {
  return async (ctx, input) => {
    const policy = await iam.managed.createPolicy(accountOf(ctx), {
      policyName: input.PolicyName,
      path: input.Path,
      document: input.PolicyDocument,
      description: input.Description,
    });
    return { Policy: toPolicy(policy, true) };
  };
}

export function getPolicy(iam: IamModel): OperationHandler<GetPolicyRequest, GetPolicyResponse> {
  return async (ctx, input) => ({ Policy: toPolicy(await iam.managed.getPolicy(accountOf(ctx), input.PolicyArn), true) });
}

export function listPolicies(iam: IamModel): OperationHandler<ListPoliciesRequest, ListPoliciesResponse> {
  return async (ctx, input) => {
    const policies = await iam.managed.listPolicies(accountOf(ctx), {
      scope: input.Scope,
      onlyAttached: input.OnlyAttached,
      pathPrefix: input.PathPrefix,
      policyUsageFilter: input.PolicyUsageFilter,
    });
    const page = listPage(policies, input);
    return { Policies: page.items.map((p) => toPolicy(p, false)), ...pageFields(page) };
  };
}

export function deletePolicy(iam: IamModel): OperationHandler<DeletePolicyRequest, void> {
  return async (ctx, input) => {
    await iam.managed.deletePolicy(accountOf(ctx), input.PolicyArn);
  };
}
