/**
 * IAM's stored policies decide what callers may do, and every change takes
 * effect on the next request: inline and managed policies of users, their
 * groups' policies, default policy versions, permissions boundaries, and an
 * assumed role's policies limited by its session policy.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  GetUserCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { ACCOUNT, expectError, iamClient, policy, trustAccount, uniqueName, userWithKey } from './iam-test-client.ts';

const notAuthorized = (who: string, action: string, resource: string) =>
  `User: ${who} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

for (const engine of testStoreEngines()) {
  describe(`IAM policies decide access [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let admin: IAMClient;
    before(async () => {
      server = await startTestServer(engine);
      admin = iamClient(server);
    });
    after(() => server?.stop());

    it('a new user without policies cannot call iam:ListUsers; an inline policy lets it; deleting the policy takes it away', async () => {
      const { userName, credentials } = await userWithKey(admin);
      const user = iamClient(server, credentials);
      const arn = `arn:aws:iam::${ACCOUNT}:user/${userName}`;
      await expectError(user.send(new ListUsersCommand({})), 'AccessDenied', 403, notAuthorized(arn, 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`));
      await admin.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'list', PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }) }));
      assert.ok((await user.send(new ListUsersCommand({}))).Users?.some((u) => u.UserName === userName));
      await expectError(user.send(new ListRolesCommand({})), 'AccessDenied', 403, notAuthorized(arn, 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`));
      await admin.send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: 'list' }));
      await expectError(user.send(new ListUsersCommand({})), 'AccessDenied', 403);
    });

    it("a group's policies apply to its members, and stop applying when they leave", async () => {
      const { userName, credentials } = await userWithKey(admin);
      const group = uniqueName('readers');
      await admin.send(new CreateGroupCommand({ GroupName: group }));
      await admin.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'get-user', PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }) }));
      const user = iamClient(server, credentials);
      await expectError(user.send(new GetUserCommand({})), 'AccessDenied', 403);
      await admin.send(new AddUserToGroupCommand({ GroupName: group, UserName: userName }));
      assert.equal((await user.send(new GetUserCommand({}))).User?.UserName, userName);
      await admin.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: userName }));
      await expectError(user.send(new GetUserCommand({})), 'AccessDenied', 403);
    });

    it("a managed policy's default version decides, and an explicit Deny wins over an Allow", async () => {
      const { userName, credentials } = await userWithKey(admin);
      const arn = (await admin.send(new CreatePolicyCommand({ PolicyName: uniqueName('lister'), PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }) }))).Policy!.Arn!;
      await admin.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: arn }));
      const user = iamClient(server, credentials);
      await user.send(new ListRolesCommand({}));
      await admin.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }), SetAsDefault: true }));
      await expectError(user.send(new ListRolesCommand({})), 'AccessDenied', 403);
      await admin.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      await user.send(new ListRolesCommand({}));

      await admin.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'deny', PolicyDocument: policy({ Effect: 'Deny', Action: 'iam:ListRoles', Resource: '*' }) }));
      const denied = await expectError(user.send(new ListRolesCommand({})), 'AccessDenied', 403);
      assert.match(denied.message, /with an explicit deny in an identity-based policy$/);
    });

    it('a permissions boundary limits what the identity policies allow', async () => {
      const { userName, credentials } = await userWithKey(admin);
      await admin.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await admin.send(new PutUserPermissionsBoundaryCommand({ UserName: userName, PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
      const user = iamClient(server, credentials);
      await user.send(new ListUsersCommand({}));
      const denied = await expectError(user.send(new CreateUserCommand({ UserName: uniqueName('x') })), 'AccessDenied', 403);
      assert.match(denied.message, /because no permissions boundary allows the iam:CreateUser action$/);
      const user2 = (await user.send(new GetUserCommand({}))).User!;
      assert.deepEqual(user2.PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
      await expectError(
        admin.send(new PutUserPermissionsBoundaryCommand({ UserName: userName, PermissionsBoundary: 'arn:aws:iam::aws:policy/Nope' })),
        'NoSuchEntityException',
        404,
      );
    });

    it("an assumed role acts with the role's policies, limited by the session policy", async () => {
      const { userName, credentials } = await userWithKey(admin);
      await admin.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'assume', PolicyDocument: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
      const role = uniqueName('reader');
      await admin.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trustAccount() }));
      await admin.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
      const sts = new STSClient({ endpoint: server.url, region: server.region, credentials, maxAttempts: 1 });
      const assume = async (sessionPolicy?: string) => {
        const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, RoleSessionName: 'session', Policy: sessionPolicy }));
        return iamClient(server, { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken } as never);
      };
      const session = await assume();
      await session.send(new ListUsersCommand({}));
      await session.send(new ListRolesCommand({}));
      await expectError(session.send(new CreateUserCommand({ UserName: uniqueName('x') })), 'AccessDenied', 403);

      const limited = await assume(policy({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }));
      await limited.send(new ListRolesCommand({}));
      const denied = await expectError(limited.send(new ListUsersCommand({})), 'AccessDenied', 403);
      assert.match(denied.message, /because no session policy allows the iam:ListUsers action$/);
    });
  });
}
