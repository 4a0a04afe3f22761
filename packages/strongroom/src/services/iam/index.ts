/**
 * The IAM service definition: the generated model, one handler per
 * implemented operation (the Put/Get/List/Delete and Attach/Detach/ListAttached
 * families share a factory parameterised by entity type), and what each
 * operation must be authorized for. All handlers share one IamModel.
 */
import { iamSpec } from '../../protocol/spec/generated/iam.spec.ts';
import type { ServiceDefinition } from '../../protocol/types.ts';
import { iamAuthz } from './authz.ts';
import type { IamModel } from './iam-model.ts';
import { attachEntityPolicy, detachEntityPolicy, listAttachedEntityPolicies } from './operations/attached-policies.ts';
import { createAccessKey } from './operations/create-access-key.ts';
import { createGroup } from './operations/create-group.ts';
import { createRole } from './operations/create-role.ts';
import { createUser } from './operations/create-user.ts';
import { deleteAccessKey } from './operations/delete-access-key.ts';
import { deleteGroup } from './operations/delete-group.ts';
import { deleteRole } from './operations/delete-role.ts';
import { deleteUser } from './operations/delete-user.ts';
import { getGroup } from './operations/get-group.ts';
import { getRole } from './operations/get-role.ts';
import { getUser } from './operations/get-user.ts';
import { addUserToGroup, removeUserFromGroup } from './operations/group-membership.ts';
import { deleteEntityPolicy, getEntityPolicy, listEntityPolicies, putEntityPolicy } from './operations/inline-policies.ts';
import { listAccessKeys } from './operations/list-access-keys.ts';
import { listGroups, listGroupsForUser } from './operations/list-groups.ts';
import { listRoles } from './operations/list-roles.ts';
import { listUsers } from './operations/list-users.ts';
import { createPolicy, deletePolicy, getPolicy, listPolicies } from './operations/managed-policies.ts';
import {
  deleteRolePermissionsBoundary,
  deleteUserPermissionsBoundary,
  putRolePermissionsBoundary,
  putUserPermissionsBoundary,
} from './operations/permissions-boundaries.ts';
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from './operations/policy-versions.ts';
import { listRoleTags, tagRole, untagRole } from './operations/role-tags.ts';
import { simulateCustomPolicy, simulatePrincipalPolicy } from './operations/simulate.ts';
import { updateAccessKey } from './operations/update-access-key.ts';
import { updateAssumeRolePolicy, updateRole } from './operations/update-role.ts';
import { listUserTags, tagUser, untagUser } from './operations/user-tags.ts';

export { IamModel, type IamModelOptions } from './iam-model.ts';

export interface IamServiceDeps {
  iam: IamModel;
}

export function iamService({ iam }: IamServiceDeps): ServiceDefinition {
  return {
    spec: iamSpec,
    handlers: {
      CreateUser: createUser(iam),
      GetUser: getUser(iam),
      ListUsers: listUsers(iam),
      DeleteUser: deleteUser(iam),
      TagUser: tagUser(iam),
      UntagUser: untagUser(iam),
      ListUserTags: listUserTags(iam),
      PutUserPermissionsBoundary: putUserPermissionsBoundary(iam),
      DeleteUserPermissionsBoundary: deleteUserPermissionsBoundary(iam),
      ListGroupsForUser: listGroupsForUser(iam),

      CreateAccessKey: createAccessKey(iam),
      ListAccessKeys: listAccessKeys(iam),
      UpdateAccessKey: updateAccessKey(iam),
      DeleteAccessKey: deleteAccessKey(iam),

      CreateGroup: createGroup(iam),
      GetGroup: getGroup(iam),
      ListGroups: listGroups(iam),
      DeleteGroup: deleteGroup(iam),
      AddUserToGroup: addUserToGroup(iam),
      RemoveUserFromGroup: removeUserFromGroup(iam),

      CreateRole: createRole(iam),
      GetRole: getRole(iam),
      ListRoles: listRoles(iam),
      DeleteRole: deleteRole(iam),
      UpdateRole: updateRole(iam),
      UpdateAssumeRolePolicy: updateAssumeRolePolicy(iam),
      TagRole: tagRole(iam),
      UntagRole: untagRole(iam),
      ListRoleTags: listRoleTags(iam),
      PutRolePermissionsBoundary: putRolePermissionsBoundary(iam),
      DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary(iam),

      PutUserPolicy: putEntityPolicy(iam, 'user'),
      GetUserPolicy: getEntityPolicy(iam, 'user'),
      ListUserPolicies: listEntityPolicies(iam, 'user'),
      DeleteUserPolicy: deleteEntityPolicy(iam, 'user'),
      PutGroupPolicy: putEntityPolicy(iam, 'group'),
      GetGroupPolicy: getEntityPolicy(iam, 'group'),
      ListGroupPolicies: listEntityPolicies(iam, 'group'),
      DeleteGroupPolicy: deleteEntityPolicy(iam, 'group'),
      PutRolePolicy: putEntityPolicy(iam, 'role'),
      GetRolePolicy: getEntityPolicy(iam, 'role'),
      ListRolePolicies: listEntityPolicies(iam, 'role'),
      DeleteRolePolicy: deleteEntityPolicy(iam, 'role'),

      AttachUserPolicy: attachEntityPolicy(iam, 'user'),
      DetachUserPolicy: detachEntityPolicy(iam, 'user'),
      ListAttachedUserPolicies: listAttachedEntityPolicies(iam, 'user'),
      AttachGroupPolicy: attachEntityPolicy(iam, 'group'),
      DetachGroupPolicy: detachEntityPolicy(iam, 'group'),
      ListAttachedGroupPolicies: listAttachedEntityPolicies(iam, 'group'),
      AttachRolePolicy: attachEntityPolicy(iam, 'role'),
      DetachRolePolicy: detachEntityPolicy(iam, 'role'),
      ListAttachedRolePolicies: listAttachedEntityPolicies(iam, 'role'),

      CreatePolicy: createPolicy(iam),
      GetPolicy: getPolicy(iam),
      ListPolicies: listPolicies(iam),
      DeletePolicy: deletePolicy(iam),
      GetPolicyVersion: getPolicyVersion(iam),
      CreatePolicyVersion: createPolicyVersion(iam),
      ListPolicyVersions: listPolicyVersions(iam),
      DeletePolicyVersion: deletePolicyVersion(iam),
      SetDefaultPolicyVersion: setDefaultPolicyVersion(iam),

      SimulatePrincipalPolicy: simulatePrincipalPolicy(iam),
      SimulateCustomPolicy: simulateCustomPolicy(),
    },
    authz: iamAuthz(iam),
  };
}
