/**
 * IAM Put/Get/List/Delete {User,Group,Role}Policy: inline policies, one
 * handler factory per verb, parameterised by the entity type (the twelve
 * operations differ only in the name of the entity parameter).
 */
import type { IamOwnerType } from '../../../storage/types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields, type PageRequest } from '../paging.ts';
import { accountOf, encodePolicyDocument } from '../views.ts';

const ENTITY_PARAM = { user: 'UserName', group: 'GroupName', role: 'RoleName' } as const;

type EntityInput = Partial<Record<'UserName' | 'GroupName' | 'RoleName', string>>;

function ownerName(type: IamOwnerType, input: EntityInput): string {
  return input[ENTITY_PARAM[type]]!;
}

export function putEntityPolicy(iam: IamModel, type: IamOwnerType): OperationHandler<EntityInput & { PolicyName: string; PolicyDocument: string }, void> {
  return async (ctx, input) => {
    await iam.inline.put(accountOf(ctx), type, ownerName(type, input), input.PolicyName, input.PolicyDocument);
  };
}

export function getEntityPolicy(iam: IamModel, type: IamOwnerType): OperationHandler<EntityInput & { PolicyName: string }, Record<string, string>> {
  return async (ctx, input) => {
    const policy = await iam.inline.get(accountOf(ctx), type, ownerName(type, input), input.PolicyName);
    return { [ENTITY_PARAM[type]]: policy.owner.name, PolicyName: policy.policyName, PolicyDocument: encodePolicyDocument(policy.document) };
  };
}

export function listEntityPolicies(iam: IamModel, type: IamOwnerType): OperationHandler<EntityInput & PageRequest, { PolicyNames: string[]; IsTruncated: boolean; Marker?: string }> {
  return async (ctx, input) => {
    const page = listPage(await iam.inline.listNames(accountOf(ctx), type, ownerName(type, input)), input);
    return { PolicyNames: page.items, ...pageFields(page) };
  };
}

export function deleteEntityPolicy(iam: IamModel, type: IamOwnerType): OperationHandler<EntityInput & { PolicyName: string }, void> {
  return async (ctx, input) => {
    await iam.inline.delete(accountOf(ctx), type, ownerName(type, input), input.PolicyName);
  };
}
