/**
 * IAM users and access keys through the AWS SDK v3: CreateUser, GetUser,
 * ListUsers, DeleteUser, tags, and the access-key lifecycle — an Inactive
 * key is refused at SigV4 at once, a deleted key stops working.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import type { IAMClient } from '@aws-sdk/client-iam';
import { ACCOUNT, ALLOW_ALL_KMS, expectError, iamClient, uniqueName, userWithKey } from './iam-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`IAM users and access keys [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let iam: IAMClient;
    before(async () => {
      server = await startTestServer(engine);
      iam = iamClient(server);
    });
    after(() => server?.stop());

    it('GetUser without UserName returns the caller, the bootstrap administrator', async () => {
      const { User } = await iam.send(new GetUserCommand({}));
      assert.equal(User?.UserName, 'admin');
      assert.equal(User?.Arn, `arn:aws:iam::${ACCOUNT}:user/admin`);
      assert.match(User?.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
      assert.equal(User?.Path, '/');
      assert.ok(User?.CreateDate instanceof Date);
    });

    it('creates users with paths and tags; names are unique regardless of case', async () => {
      const { User } = await iam.send(new CreateUserCommand({ UserName: 'Alice', Path: '/eng/backend/', Tags: [{ Key: 'team', Value: 'core' }] }));
      assert.equal(User?.Arn, `arn:aws:iam::${ACCOUNT}:user/eng/backend/Alice`);
      assert.equal(User?.Path, '/eng/backend/');
      assert.deepEqual(User?.Tags, [{ Key: 'team', Value: 'core' }]);
      const got = await iam.send(new GetUserCommand({ UserName: 'alice' }));
      assert.equal(got.User?.UserName, 'Alice');
      assert.equal(got.User?.UserId, User?.UserId);
      assert.deepEqual(got.User?.Tags, [{ Key: 'team', Value: 'core' }]);
      await expectError(iam.send(new CreateUserCommand({ UserName: 'ALICE' })), 'EntityAlreadyExistsException', 409, 'User with name ALICE already exists.');
      await expectError(iam.send(new GetUserCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
    });

    it('rejects names the model forbids with ValidationError', async () => {
      const error = await expectError(iam.send(new CreateUserCommand({ UserName: 'bad name!' })), 'ValidationError', 400);
      assert.match(error.message, /userName/);
    });

    it('lists users by name, filtered by path prefix, paginated with Marker', async () => {
      const prefix = `/list-${Date.now().toString(36)}/`;
      for (const name of ['u-c', 'u-a', 'u-b']) await iam.send(new CreateUserCommand({ UserName: `${name}${prefix.length}`, Path: prefix }));
      const all = await iam.send(new ListUsersCommand({ PathPrefix: prefix }));
      assert.deepEqual(all.Users?.map((u) => u.UserName!.slice(0, 3)), ['u-a', 'u-b', 'u-c']);
      assert.equal(all.IsTruncated, false);
      assert.equal(all.Users?.[0].Tags, undefined, 'ListUsers returns no tags');

      const first = await iam.send(new ListUsersCommand({ PathPrefix: prefix, MaxItems: 2 }));
      assert.equal(first.Users?.length, 2);
      assert.equal(first.IsTruncated, true);
      assert.ok(first.Marker);
      const second = await iam.send(new ListUsersCommand({ PathPrefix: prefix, MaxItems: 2, Marker: first.Marker }));
      assert.deepEqual(second.Users?.map((u) => u.UserName!.slice(0, 3)), ['u-c']);
      assert.equal(second.IsTruncated, false);

      const everyone = await iam.send(new ListUsersCommand({}));
      assert.ok(everyone.Users?.some((u) => u.UserName === 'admin'));
    });

    it('tags and untags users (keys case-insensitive), ListUserTags', async () => {
      const name = uniqueName('tagged');
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'Env', Value: 'prod' }, { Key: 'owner', Value: 'x' }] }));
      await iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'env', Value: 'dev' }] }));
      assert.deepEqual((await iam.send(new ListUserTagsCommand({ UserName: name }))).Tags, [
        { Key: 'env', Value: 'dev' },
        { Key: 'owner', Value: 'x' },
      ]);
      await iam.send(new UntagUserCommand({ UserName: name, TagKeys: ['OWNER'] }));
      assert.deepEqual((await iam.send(new ListUserTagsCommand({ UserName: name }))).Tags, [{ Key: 'env', Value: 'dev' }]);
      await expectError(iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })), 'InvalidInputException', 400);
      await expectError(iam.send(new TagUserCommand({ UserName: 'nobody', Tags: [{ Key: 'a', Value: '1' }] })), 'NoSuchEntityException', 404);
    });

    it('access keys: create (two at most), list, deactivate (refused at SigV4 at once), reactivate, delete', async () => {
      const { userName, credentials } = await userWithKey(iam);
      const sts = (creds = credentials) => new STSClient({ endpoint: server.url, region: server.region, credentials: creds, maxAttempts: 1 });
      assert.equal((await sts().send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/${userName}`);

      const second = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
      assert.match(second.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
      assert.equal(second.SecretAccessKey!.length, 40);
      assert.equal(second.Status, 'Active');
      assert.equal(second.UserName, userName);
      await expectError(iam.send(new CreateAccessKeyCommand({ UserName: userName })), 'LimitExceededException', 409, 'Cannot exceed quota for AccessKeysPerUser: 2');

      const listed = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
      assert.deepEqual(listed.AccessKeyMetadata?.map((k) => k.AccessKeyId).sort(), [credentials.accessKeyId, second.AccessKeyId].sort());
      assert.ok(listed.AccessKeyMetadata?.every((k) => k.Status === 'Active' && k.UserName === userName && k.CreateDate instanceof Date));
      assert.ok(!JSON.stringify(listed).includes(second.SecretAccessKey!), 'no secrets listed');

      await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: credentials.accessKeyId, Status: 'Inactive' }));
      const refused = await sts().send(new GetCallerIdentityCommand({})).catch((e: Error) => e);
      assert.equal((refused as Error).name, 'InvalidClientTokenId');
      const statuses = (await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata!;
      assert.equal(statuses.find((k) => k.AccessKeyId === credentials.accessKeyId)?.Status, 'Inactive');

      await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: credentials.accessKeyId, Status: 'Active' }));
      assert.equal((await sts().send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/${userName}`);

      await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: credentials.accessKeyId }));
      assert.equal(((await sts().send(new GetCallerIdentityCommand({})).catch((e: Error) => e)) as Error).name, 'InvalidClientTokenId');
      await expectError(
        iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: credentials.accessKeyId })),
        'NoSuchEntityException',
        404,
        `The Access Key with id ${credentials.accessKeyId} cannot be found`,
      );
      await expectError(iam.send(new UpdateAccessKeyCommand({ UserName: 'nobody', AccessKeyId: second.AccessKeyId, Status: 'Inactive' })), 'NoSuchEntityException', 404);
      await expectError(iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
    });

    it('without UserName, access-key calls act on the calling user', async () => {
      const { userName, credentials } = await userWithKey(iam);
      await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'self', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*AccessKey*', Resource: `arn:aws:iam::${ACCOUNT}:user/${userName}` }] }) }));
      const self = iamClient(server, credentials);
      const listed = await self.send(new ListAccessKeysCommand({}));
      assert.deepEqual(listed.AccessKeyMetadata?.map((k) => k.AccessKeyId), [credentials.accessKeyId]);
      const created = (await self.send(new CreateAccessKeyCommand({}))).AccessKey!;
      assert.equal(created.UserName, userName);
      await self.send(new DeleteAccessKeyCommand({ AccessKeyId: created.AccessKeyId }));
    });

    it('DeleteUser refuses while the user has keys, groups or policies, then deletes', async () => {
      const { userName, credentials } = await userWithKey(iam);
      const group = uniqueName('grp');
      await iam.send(new CreateGroupCommand({ GroupName: group }));
      await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: userName }));
      await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'inline', PolicyDocument: ALLOW_ALL_KMS }));
      await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));

      const conflict = (message: string) => expectError(iam.send(new DeleteUserCommand({ UserName: userName })), 'DeleteConflictException', 409, message);
      await conflict('Cannot delete entity, must delete access keys first.');
      await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: credentials.accessKeyId }));
      await conflict('Cannot delete entity, must remove user from all groups first.');
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: userName }));
      await conflict('Cannot delete entity, must detach all policies first.');
      await iam.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
      await conflict('Cannot delete entity, must delete policies first.');
      await iam.send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: 'inline' }));

      await iam.send(new DeleteUserCommand({ UserName: userName }));
      await expectError(iam.send(new GetUserCommand({ UserName: userName })), 'NoSuchEntityException', 404);
      await expectError(iam.send(new DeleteUserCommand({ UserName: userName })), 'NoSuchEntityException', 404, `The user with name ${userName} cannot be found.`);
      // The name is free again.
      await iam.send(new CreateUserCommand({ UserName: userName }));
    });
  });
}

describe('IAM as the account root (--auth off)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(testStoreEngines()[0], { auth: 'off' });
  });
  after(() => server?.stop());

  it('GetUser without UserName describes the root user; it has no access keys', async () => {
    const root = iamClient(server, { accessKeyId: 'AKIAANYTHING', secretAccessKey: 'anything' });
    const { User } = await root.send(new GetUserCommand({}));
    assert.equal(User?.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(User?.UserId, ACCOUNT);
    assert.equal(User?.UserName, undefined);
    assert.ok(User?.CreateDate instanceof Date);
    assert.deepEqual((await root.send(new ListAccessKeysCommand({}))).AccessKeyMetadata, []);
    assert.equal((await root.send(new GetUserCommand({ UserName: 'admin' }))).User?.UserName, 'admin');
  });
});
