/**
 * Domain records → the IAM model's output shapes. Policy documents are
 * URL-encoded, as IAM returns them (GetUserPolicy, GetPolicyVersion, a
 * role's AssumeRolePolicyDocument…); SDKs leave them encoded, the AWS CLI
 * decodes them.
 */
import type { IamGroup } from '../../identity/group-repository.ts';
import type { IamTag } from '../../identity/iam-tags.ts';
import type { IamUser } from '../../identity/identity-repository.ts';
import type { ManagedPolicy, ManagedPolicyVersion } from '../../identity/managed-policy-repository.ts';
import type { IamRole } from '../../identity/role-repository.ts';
import type {
  AttachedPermissionsBoundary,
  Group,
  Policy,
  PolicyVersion,
  Role,
  Tag,
  User,
} from '../../protocol/spec/generated/iam.types.ts';
import type { RequestContext } from '../../server/context.ts';

export function accountOf(ctx: RequestContext): string {
  return ctx.principal.accountId;
}

export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document);
}

export function fromTags(tags: readonly Tag[] | undefined): IamTag[] {
  return (tags ?? []).map((t) => ({ key: t.Key, value: t.Value }));
}

export function toTags(tags: readonly IamTag[]): Tag[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

function boundary(arn: string | undefined): AttachedPermissionsBoundary | undefined {
  return arn ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn } : undefined;
}

/** Tags only when given (GetUser, CreateUser); ListUsers returns none. */
export function toUser(user: IamUser, tags?: readonly IamTag[]): User {
  const view: User = { Path: user.path, UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: new Date(user.createdAt) };
  const pb = boundary(user.permissionsBoundaryArn);
  if (pb) view.PermissionsBoundary = pb;
  if (tags && tags.length > 0) view.Tags = toTags(tags);
  return view;
}

export function toGroup(group: IamGroup): Group {
  return { Path: group.path, GroupName: group.groupName, GroupId: group.groupId, Arn: group.arn, CreateDate: new Date(group.createdAt) };
}

/** `detailed`: GetRole/CreateRole (tags, last used); ListRoles leaves those out. */
export function toRole(role: IamRole, detailed: boolean): Role {
  const view: Role = {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: new Date(role.createdAt),
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument),
    MaxSessionDuration: role.maxSessionDuration,
  };
  if (role.description !== undefined) view.Description = role.description;
  const pb = boundary(role.permissionsBoundaryArn);
  if (pb) view.PermissionsBoundary = pb;
  if (detailed) {
    if (role.tags.length > 0) view.Tags = toTags(role.tags);
    view.RoleLastUsed = {};
  }
  return view;
}

/** `withDescription`: GetPolicy, CreatePolicy; ListPolicies leaves it out. */
export function toPolicy(policy: ManagedPolicy, withDescription: boolean): Policy {
  const view: Policy = {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: policy.attachmentCount,
    PermissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
    IsAttachable: true,
    CreateDate: new Date(policy.createdAt),
    UpdateDate: new Date(policy.updatedAt),
  };
  if (withDescription && policy.description !== undefined) view.Description = policy.description;
  return view;
}

/** `withDocument`: GetPolicyVersion; CreatePolicyVersion and ListPolicyVersions return none. */
export function toPolicyVersion(version: ManagedPolicyVersion, withDocument: boolean): PolicyVersion {
  const view: PolicyVersion = { VersionId: version.versionId, IsDefaultVersion: version.isDefault, CreateDate: new Date(version.createdAt) };
  if (withDocument) view.Document = encodePolicyDocument(version.document);
  return view;
}
