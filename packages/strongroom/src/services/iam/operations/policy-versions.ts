/** IAM GetPolicyVersion, CreatePolicyVersion, ListPolicyVersions, DeletePolicyVersion, SetDefaultPolicyVersion. */
import type {
  CreatePolicyVersionRequest,
  CreatePolicyVersionResponse,
  DeletePolicyVersionRequest,
  GetPolicyVersionRequest,
  GetPolicyVersionResponse,
  ListPolicyVersionsRequest,
  ListPolicyVersionsResponse,
  SetDefaultPolicyVersionRequest,
} from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields } from '../paging.ts';
import { accountOf, toPolicyVersion } from '../views.ts';

export function getPolicyVersion(iam: IamModel): OperationHandler<GetPolicyVersionRequest, GetPolicyVersionResponse> {
  return async (ctx, input) => ({ PolicyVersion: toPolicyVersion(await iam.managed.getPolicyVersion(accountOf(ctx), input.PolicyArn, input.VersionId), true) });
}

export function createPolicyVersion(iam: IamModel): OperationHandler<CreatePolicyVersionRequest, CreatePolicyVersionResponse> {
  return async (ctx, input) => {
    const version = await iam.managed.createPolicyVersion(accountOf(ctx), input.PolicyArn, input.PolicyDocument, input.SetAsDefault === true);
    return { PolicyVersion: toPolicyVersion(version, false) };
  };
}

export function listPolicyVersions(iam: IamModel): OperationHandler<ListPolicyVersionsRequest, ListPolicyVersionsResponse> {
  return async (ctx, input) => {
    const page = listPage(await iam.managed.listPolicyVersions(accountOf(ctx), input.PolicyArn), input);
    // ListPolicyVersions leaves the documents out.
    return { Versions: page.items.map((v) => toPolicyVersion(v, false)), ...pageFields(page) };
  };
}

export function deletePolicyVersion(iam: IamModel): OperationHandler<DeletePolicyVersionRequest, void> {
  return async (ctx, input) => {
    await iam.managed.deletePolicyVersion(accountOf(ctx), input.PolicyArn, input.VersionId);
  };
}

export function setDefaultPolicyVersion(iam: IamModel): OperationHandler<SetDefaultPolicyVersionRequest, void> {
  return async (ctx, input) => {
    await iam.managed.setDefaultPolicyVersion(accountOf(ctx), input.PolicyArn, input.VersionId);
  };
}
