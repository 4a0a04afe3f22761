/**
 * IAM Attach/Detach/ListAttached {User,Group,Role}Policies: managed
 * policies attached to an entity, one handler factory per verb,
 * parameterised by the entity type.
 */
import type { IamOwnerType } from '../../../storage/types.ts';
import type { AttachedPolicy } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields, type PageRequest } from '../paging.ts';
import { accountOf } from '../views.ts';

const ENTITY_PARAM = { user: 'UserName', group: 'GroupName', role: 'RoleName' } as const;

type EntityInput = Partial<Record<'UserName' | 'GroupName' | 'RoleName', string>>;

export function attachEntityPolicy(iam: IamModel, type: IamOwnerType): OperationHandler<EntityInput & { PolicyArn: string }, void> {
  return async (ctx, input) => {
    await iam.managed.attach(accountOf(ctx), type, input[ENTITY_PARAM[type]]!, input.PolicyArn);
  };
}

export function detachEntityPolicy(iam: IamModel, type: IamOwnerType): OperationHandler<EntityInput & { PolicyArn: string }, void> {
  return async (ctx, input) => {
    await iam.managed.detach(accountOf(ctx), type, input[ENTITY_PARAM[type]]!, input.PolicyArn);
  };
}

export function listAttachedEntityPolicies(
  iam: IamModel,
  type: IamOwnerType,
): OperationHandler<EntityInput & PageRequest & { PathPrefix?: string }, { AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string }> {
  return async (ctx, input) => {
    const attached = await iam.managed.listAttached(accountOf(ctx), type, input[ENTITY_PARAM[type]]!, input.PathPrefix);
    const page = listPage(attached, input);
    return { AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })), ...pageFields(page) };
  };
}
