/**
 * What each IAM operation must be allowed: the action iam:<Operation> on the
 * entity it acts on — arn:aws:iam::<account>:user|group|role|policy<path><name>,
 * with the entity's real path when it exists (the named path for Create*),
 * and for listings the path prefix (arn:aws:iam::<account>:user/ for
 * ListUsers, as AWS words its denials). Condition keys: iam:PolicyARN for
 * attachments, iam:PermissionsBoundary where a boundary is set, and
 * aws:RequestTag/…, aws:TagKeys where tags are given.
 */
import type { AuthzCheck, AuthzContext, ServiceAuthz } from '../../authz/types.ts';
import { iamArn } from '../../identity/ids.ts';
import type { IamOwnerType } from '../../storage/types.ts';
import type { Tag } from '../../protocol/spec/generated/iam.types.ts';
import type { IamModel } from './iam-model.ts';

type Input = Record<string, any>;
type Keys = Record<string, string | readonly string[]>;

export function iamAuthz(iam: IamModel): ServiceAuthz {
  const account = (ctx: AuthzContext) => ctx.principal.accountId;
  const check = (ctx: AuthzContext, resource: string, context?: Keys): AuthzCheck =>
    context && Object.keys(context).length > 0 ? { action: `iam:${ctx.operation}`, resource, context } : { action: `iam:${ctx.operation}`, resource };

  /** The ARN of an existing entity (with its path), or of one with the root path. */
  async function entityArn(ctx: AuthzContext, type: IamOwnerType, name: string): Promise<string> {
    const table = type === 'user' ? 'iam_users' : type === 'group' ? 'iam_groups' : 'iam_roles';
    const column = type === 'user' ? 'user_name' : type === 'group' ? 'group_name' : 'role_name';
    const row = await iam.store
      .current()
      .selectFrom(table)
      .select('arn')
      .where('account_id', '=', account(ctx))
      .where((eb) => eb(eb.fn('lower', [column as 'user_name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    return row?.arn ?? iamArn(account(ctx), type, '/', name);
  }

  // Without UserName the operation acts on the caller: the resource is the caller's ARN (the handler refuses non-user callers).
  const onUser = (extra?: (input: Input) => Keys) => async (ctx: AuthzContext, input: Input) =>
    check(ctx, input.UserName === undefined ? ctx.principal.arn : await entityArn(ctx, 'user', input.UserName), extra?.(input));
  const onGroup = (extra?: (input: Input) => Keys) => async (ctx: AuthzContext, input: Input) => check(ctx, await entityArn(ctx, 'group', input.GroupName), extra?.(input));
  const onRole = (extra?: (input: Input) => Keys) => async (ctx: AuthzContext, input: Input) => check(ctx, await entityArn(ctx, 'role', input.RoleName), extra?.(input));
  const onPolicy = (ctx: AuthzContext, input: Input) => check(ctx, input.PolicyArn);
  const listing = (type: IamOwnerType | 'policy') => (ctx: AuthzContext, input: Input) => check(ctx, iamArn(account(ctx), type, input.PathPrefix ?? '/', ''));
  const policyArnKey = (input: Input): Keys => ({ 'iam:PolicyARN': input.PolicyArn });
  const boundaryKey = (input: Input): Keys => (input.PermissionsBoundary ? { 'iam:PermissionsBoundary': input.PermissionsBoundary } : {});
  const requestTags = (input: Input): Keys => tagKeys(input.Tags);
  const removedTags = (input: Input): Keys => ({ 'aws:TagKeys': input.TagKeys ?? [] });

  return {
    CreateUser: (ctx, input) => check(ctx, iamArn(account(ctx), 'user', input.Path ?? '/', input.UserName), { ...boundaryKey(input), ...requestTags(input) }),
    GetUser: onUser(),
    ListUsers: listing('user'),
    DeleteUser: onUser(),
    TagUser: onUser(requestTags),
    UntagUser: onUser(removedTags),
    ListUserTags: onUser(),
    PutUserPermissionsBoundary: onUser(boundaryKey),
    DeleteUserPermissionsBoundary: onUser(),
    ListGroupsForUser: onUser(),
    CreateAccessKey: onUser(),
    ListAccessKeys: onUser(),
    UpdateAccessKey: onUser(),
    DeleteAccessKey: onUser(),

    CreateGroup: (ctx, input) => check(ctx, iamArn(account(ctx), 'group', input.Path ?? '/', input.GroupName)),
    GetGroup: onGroup(),
    ListGroups: listing('group'),
    DeleteGroup: onGroup(),
    AddUserToGroup: onGroup(),
    RemoveUserFromGroup: onGroup(),

    CreateRole: (ctx, input) => check(ctx, iamArn(account(ctx), 'role', input.Path ?? '/', input.RoleName), { ...boundaryKey(input), ...requestTags(input) }),
    GetRole: onRole(),
    ListRoles: listing('role'),
    DeleteRole: onRole(),
    UpdateRole: onRole(),
    UpdateAssumeRolePolicy: onRole(),
    TagRole: onRole(requestTags),
    UntagRole: onRole(removedTags),
    ListRoleTags: onRole(),
    PutRolePermissionsBoundary: onRole(boundaryKey),
    DeleteRolePermissionsBoundary: onRole(),

    PutUserPolicy: onUser(),
    GetUserPolicy: onUser(),
    ListUserPolicies: onUser(),
    DeleteUserPolicy: onUser(),
    PutGroupPolicy: onGroup(),
    GetGroupPolicy: onGroup(),
    ListGroupPolicies: onGroup(),
    DeleteGroupPolicy: onGroup(),
    PutRolePolicy: onRole(),
    GetRolePolicy: onRole(),
    ListRolePolicies: onRole(),
    DeleteRolePolicy: onRole(),

    AttachUserPolicy: onUser(policyArnKey),
    DetachUserPolicy: onUser(policyArnKey),
    ListAttachedUserPolicies: onUser(),
    AttachGroupPolicy: onGroup(policyArnKey),
    DetachGroupPolicy: onGroup(policyArnKey),
    ListAttachedGroupPolicies: onGroup(),
    AttachRolePolicy: onRole(policyArnKey),
    DetachRolePolicy: onRole(policyArnKey),
    ListAttachedRolePolicies: onRole(),

    CreatePolicy: (ctx, input) => check(ctx, iamArn(account(ctx), 'policy', input.Path ?? '/', input.PolicyName), requestTags(input)),
    GetPolicy: onPolicy,
    ListPolicies: listing('policy'),
    DeletePolicy: onPolicy,
    GetPolicyVersion: onPolicy,
    CreatePolicyVersion: onPolicy,
    ListPolicyVersions: onPolicy,
    DeletePolicyVersion: onPolicy,
    SetDefaultPolicyVersion: onPolicy,

    SimulatePrincipalPolicy: (ctx, input) => check(ctx, input.PolicySourceArn),
    SimulateCustomPolicy: (ctx) => check(ctx, '*'),
  };
}

function tagKeys(tags: readonly Tag[] | undefined): Keys {
  if (!tags || tags.length === 0) return {};
  const keys: Keys = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) keys[`aws:RequestTag/${t.Key}`] = t.Value;
  return keys;
}
