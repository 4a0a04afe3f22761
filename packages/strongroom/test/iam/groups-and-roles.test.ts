/**
 * IAM groups (membership, GetGroup, DeleteGroup's conflicts) and roles
 * (trust policies, MaxSessionDuration, URL-encoded documents, tags,
 * UpdateAssumeRolePolicy, DeleteRole's conflicts) through the AWS SDK v3.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  GetGroupCommand,
  GetRoleCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  RemoveUserFromGroupCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { ACCOUNT, ALLOW_ALL_KMS, decodeDocument, expectError, iamClient, policy, trustAccount, uniqueName } from './iam-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`IAM groups and roles [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let iam: IAMClient;
    before(async () => {
      server = await startTestServer(engine);
      iam = iamClient(server);
    });
    after(() => server?.stop());

    it('groups: create, add and remove members, GetGroup, ListGroups, ListGroupsForUser', async () => {
      const group = uniqueName('Devs');
      const { Group } = await iam.send(new CreateGroupCommand({ GroupName: group, Path: '/teams/' }));
      assert.equal(Group?.Arn, `arn:aws:iam::${ACCOUNT}:group/teams/${group}`);
      assert.match(Group?.GroupId ?? '', /^AGPA[A-Z2-7]{17}$/);
      await expectError(iam.send(new CreateGroupCommand({ GroupName: group.toUpperCase() })), 'EntityAlreadyExistsException', 409, `Group with name ${group.toUpperCase()} already exists.`);

      const users = [uniqueName('m1'), uniqueName('m2')];
      for (const u of users) {
        await iam.send(new CreateUserCommand({ UserName: u }));
        await iam.send(new AddUserToGroupCommand({ GroupName: group.toLowerCase(), UserName: u }));
      }
      await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: users[0] })); // idempotent
      const got = await iam.send(new GetGroupCommand({ GroupName: group }));
      assert.equal(got.Group?.GroupName, group);
      assert.deepEqual(got.Users?.map((u) => u.UserName), users);
      const paged = await iam.send(new GetGroupCommand({ GroupName: group, MaxItems: 1 }));
      assert.equal(paged.IsTruncated, true);
      assert.deepEqual((await iam.send(new GetGroupCommand({ GroupName: group, Marker: paged.Marker }))).Users?.map((u) => u.UserName), [users[1]]);

      assert.ok((await iam.send(new ListGroupsCommand({ PathPrefix: '/teams/' }))).Groups?.some((g) => g.GroupName === group));
      assert.deepEqual((await iam.send(new ListGroupsForUserCommand({ UserName: users[0] }))).Groups?.map((g) => g.GroupName), [group]);

      await iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: users[0] }));
      assert.deepEqual((await iam.send(new GetGroupCommand({ GroupName: group }))).Users?.map((u) => u.UserName), [users[1]]);
      await expectError(iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: users[0] })), 'NoSuchEntityException', 404);
      await expectError(iam.send(new AddUserToGroupCommand({ GroupName: 'nogroup', UserName: users[0] })), 'NoSuchEntityException', 404, 'The group with name nogroup cannot be found.');
      await expectError(iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
    });

    it('DeleteGroup refuses while the group has members or policies', async () => {
      const group = uniqueName('g');
      const user = uniqueName('u');
      await iam.send(new CreateGroupCommand({ GroupName: group }));
      await iam.send(new CreateUserCommand({ UserName: user }));
      await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: user }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'p', PolicyDocument: ALLOW_ALL_KMS }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
      const conflict = (message: string) => expectError(iam.send(new DeleteGroupCommand({ GroupName: group })), 'DeleteConflictException', 409, message);
      await conflict('Cannot delete entity, must remove users from group first.');
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: user }));
      await conflict('Cannot delete entity, must detach all policies first.');
      await iam.send(new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
      await conflict('Cannot delete entity, must delete policies first.');
      await iam.send(new DeleteGroupPolicyCommand({ GroupName: group, PolicyName: 'p' }));
      await iam.send(new DeleteGroupCommand({ GroupName: group }));
      await expectError(iam.send(new GetGroupCommand({ GroupName: group })), 'NoSuchEntityException', 404);
    });

    it('roles: create with trust policy, description, duration and tags; GetRole returns the trust policy URL-encoded', async () => {
      const name = uniqueName('Deployer');
      const trust = trustAccount();
      const { Role } = await iam.send(
        new CreateRoleCommand({ RoleName: name, Path: '/ci/', AssumeRolePolicyDocument: trust, Description: 'deploys', MaxSessionDuration: 7200, Tags: [{ Key: 'env', Value: 'ci' }] }),
      );
      assert.equal(Role?.Arn, `arn:aws:iam::${ACCOUNT}:role/ci/${name}`);
      assert.match(Role?.RoleId ?? '', /^AROA[A-Z2-7]{17}$/);
      assert.equal(Role?.AssumeRolePolicyDocument, encodeURIComponent(trust));
      assert.deepEqual(Role?.Tags, [{ Key: 'env', Value: 'ci' }]);

      const got = (await iam.send(new GetRoleCommand({ RoleName: name.toLowerCase() }))).Role!;
      assert.equal(got.RoleName, name);
      assert.deepEqual(decodeDocument(got.AssumeRolePolicyDocument), JSON.parse(trust));
      assert.equal(got.Description, 'deploys');
      assert.equal(got.MaxSessionDuration, 7200);
      assert.deepEqual(got.Tags, [{ Key: 'env', Value: 'ci' }]);
      assert.ok(got.RoleLastUsed);

      await expectError(iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust })), 'EntityAlreadyExistsException', 409, `Role with name ${name} already exists.`);
      await expectError(iam.send(new GetRoleCommand({ RoleName: 'norole' })), 'NoSuchEntityException', 404, 'The role with name norole cannot be found.');
      await expectError(iam.send(new CreateRoleCommand({ RoleName: uniqueName('r'), AssumeRolePolicyDocument: trust, MaxSessionDuration: 43201 })), 'ValidationError', 400);
    });

    it('a trust policy must name a principal; an identity policy may not', async () => {
      await expectError(
        iam.send(new CreateRoleCommand({ RoleName: uniqueName('r'), AssumeRolePolicyDocument: ALLOW_ALL_KMS })),
        'MalformedPolicyDocumentException',
        400,
        'Missing required field Principal',
      );
      await expectError(iam.send(new CreateRoleCommand({ RoleName: uniqueName('r'), AssumeRolePolicyDocument: 'not json' })), 'MalformedPolicyDocumentException', 400, 'Syntax errors in policy.');
    });

    it('ListRoles pages by name and leaves tags out; UpdateAssumeRolePolicy and UpdateRole change the role', async () => {
      const prefix = `/lr${Date.now().toString(36)}/`;
      const names = ['b', 'a', 'c'].map((n) => `${n}-${uniqueName('role')}`);
      for (const n of names) await iam.send(new CreateRoleCommand({ RoleName: n, Path: prefix, AssumeRolePolicyDocument: trustAccount(), Tags: [{ Key: 'k', Value: 'v' }] }));
      const first = await iam.send(new ListRolesCommand({ PathPrefix: prefix, MaxItems: 2 }));
      assert.deepEqual(first.Roles?.map((r) => r.RoleName), [...names].sort().slice(0, 2));
      assert.equal(first.Roles?.[0].Tags, undefined);
      assert.equal(first.Roles?.[0].AssumeRolePolicyDocument, encodeURIComponent(trustAccount()));
      const rest = await iam.send(new ListRolesCommand({ PathPrefix: prefix, Marker: first.Marker }));
      assert.deepEqual(rest.Roles?.map((r) => r.RoleName), [[...names].sort()[2]]);

      const updated = trustAccount('111122223333');
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: names[0], PolicyDocument: updated }));
      await iam.send(new UpdateRoleCommand({ RoleName: names[0], Description: 'new', MaxSessionDuration: 43200 }));
      const role = (await iam.send(new GetRoleCommand({ RoleName: names[0] }))).Role!;
      assert.deepEqual(decodeDocument(role.AssumeRolePolicyDocument), JSON.parse(updated));
      assert.equal(role.Description, 'new');
      assert.equal(role.MaxSessionDuration, 43200);
      await expectError(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: names[0], PolicyDocument: '{}' })), 'MalformedPolicyDocumentException', 400);
      await expectError(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'norole', PolicyDocument: updated })), 'NoSuchEntityException', 404);
    });

    it('role tags: TagRole, UntagRole, ListRoleTags', async () => {
      const name = uniqueName('tagged-role');
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustAccount() }));
      await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
      await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['a'] }));
      assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags, [{ Key: 'b', Value: '2' }]);
      await expectError(
        iam.send(new TagRoleCommand({ RoleName: name, Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })),
        'LimitExceededException',
        409,
      );
    });

    it('DeleteRole refuses while the role has policies, then deletes', async () => {
      const name = uniqueName('doomed');
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustAccount() }));
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
      const conflict = (message: string) => expectError(iam.send(new DeleteRoleCommand({ RoleName: name })), 'DeleteConflictException', 409, message);
      await conflict('Cannot delete entity, must delete policies first.');
      await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'p' }));
      await conflict('Cannot delete entity, must detach all policies first.');
      await iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
      await iam.send(new DeleteRoleCommand({ RoleName: name }));
      await expectError(iam.send(new GetRoleCommand({ RoleName: name })), 'NoSuchEntityException', 404);
      await expectError(iam.send(new DeleteRoleCommand({ RoleName: name })), 'NoSuchEntityException', 404);
    });
  });
}
