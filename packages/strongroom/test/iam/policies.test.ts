/**
 * IAM policies through the AWS SDK v3: inline policies of users, groups and
 * roles (validation, size quota, URL-encoded documents), customer managed
 * policies with versions, AWS managed policies, attachments, ListPolicies
 * scopes, and DeletePolicy's conflicts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { ACCOUNT, ALLOW_ALL_KMS, decodeDocument, expectError, iamClient, policy, trustAccount, uniqueName } from './iam-test-client.ts';

const ADMIN_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

for (const engine of testStoreEngines()) {
  describe(`IAM policies [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let iam: IAMClient;
    before(async () => {
      server = await startTestServer(engine);
      iam = iamClient(server);
    });
    after(() => server?.stop());

    it('inline user policies: put (replace), get URL-encoded, list, delete', async () => {
      const user = uniqueName('u');
      await iam.send(new CreateUserCommand({ UserName: user }));
      await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'b-kms', PolicyDocument: ALLOW_ALL_KMS }));
      const replaced = policy({ Sid: 'Encrypt', Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' });
      await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'b-kms', PolicyDocument: replaced }));
      await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'a-ssm', PolicyDocument: policy({ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }) }));
      const got = await iam.send(new GetUserPolicyCommand({ UserName: user.toUpperCase(), PolicyName: 'b-kms' }));
      assert.equal(got.UserName, user);
      assert.equal(got.PolicyName, 'b-kms');
      assert.equal(got.PolicyDocument, encodeURIComponent(replaced));
      assert.deepEqual(decodeDocument(got.PolicyDocument), JSON.parse(replaced));
      assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: user }))).PolicyNames, ['a-ssm', 'b-kms']);
      await iam.send(new DeleteUserPolicyCommand({ UserName: user, PolicyName: 'a-ssm' }));
      assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: user }))).PolicyNames, ['b-kms']);
      await expectError(iam.send(new GetUserPolicyCommand({ UserName: user, PolicyName: 'a-ssm' })), 'NoSuchEntityException', 404, 'The user policy with name a-ssm cannot be found.');
      await expectError(iam.send(new DeleteUserPolicyCommand({ UserName: user, PolicyName: 'a-ssm' })), 'NoSuchEntityException', 404);
      await expectError(iam.send(new PutUserPolicyCommand({ UserName: 'nobody', PolicyName: 'p', PolicyDocument: ALLOW_ALL_KMS })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
    });

    it('inline group and role policies', async () => {
      const group = uniqueName('g');
      const role = uniqueName('r');
      await iam.send(new CreateGroupCommand({ GroupName: group }));
      await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trustAccount() }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'gp', PolicyDocument: ALLOW_ALL_KMS }));
      await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: 'rp', PolicyDocument: ALLOW_ALL_KMS }));
      const g = await iam.send(new GetGroupPolicyCommand({ GroupName: group, PolicyName: 'gp' }));
      assert.equal(g.GroupName, group);
      assert.deepEqual(decodeDocument(g.PolicyDocument), JSON.parse(ALLOW_ALL_KMS));
      const r = await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: 'rp' }));
      assert.equal(r.RoleName, role);
      assert.deepEqual(decodeDocument(r.PolicyDocument), JSON.parse(ALLOW_ALL_KMS));
      assert.deepEqual((await iam.send(new ListGroupPoliciesCommand({ GroupName: group }))).PolicyNames, ['gp']);
      assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames, ['rp']);
      await expectError(iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: 'x' })), 'NoSuchEntityException', 404, 'The role policy with name x cannot be found.');
      await expectError(iam.send(new GetGroupPolicyCommand({ GroupName: group, PolicyName: 'x' })), 'NoSuchEntityException', 404, 'The group policy with name x cannot be found.');
      await iam.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: 'rp' }));
      assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames, []);
    });

    it('validates inline documents before storing them and holds the per-user size quota', async () => {
      const user = uniqueName('v');
      await iam.send(new CreateUserCommand({ UserName: user }));
      const put = (doc: string) => iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'p', PolicyDocument: doc }));
      await expectError(put('{"Version":'), 'MalformedPolicyDocumentException', 400, 'Syntax errors in policy.');
      await expectError(
        put(policy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' })),
        'MalformedPolicyDocumentException',
        400,
        'Policy document should not specify a principal.',
      );
      await expectError(put(JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] })), 'MalformedPolicyDocumentException', 400, 'Policy document must be version 2012-10-17 or greater.');
      await expectError(put(policy({ Effect: 'Allow', Action: 'Encrypt', Resource: '*' })), 'MalformedPolicyDocumentException', 400);
      const big = (n: number) => policy({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: Array.from({ length: n }, (_, i) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${String(i).padStart(36, '0')}`) });
      await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'one', PolicyDocument: big(15) }));
      await expectError(
        iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'two', PolicyDocument: big(15) })),
        'LimitExceededException',
        409,
        `Maximum policy size of 2048 bytes exceeded for user ${user}`,
      );
      assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: user }))).PolicyNames, ['one']);
    });

    it('customer managed policies: create, get, versions (at most five), default version, delete', async () => {
      const name = uniqueName('Pol');
      const v1 = policy({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' });
      const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: name, Path: '/app/', PolicyDocument: v1, Description: 'encrypts' }));
      const arn = `arn:aws:iam::${ACCOUNT}:policy/app/${name}`;
      assert.equal(Policy?.Arn, arn);
      assert.match(Policy?.PolicyId ?? '', /^ANPA[A-Z2-7]{17}$/);
      assert.equal(Policy?.DefaultVersionId, 'v1');
      assert.equal(Policy?.AttachmentCount, 0);
      assert.equal(Policy?.IsAttachable, true);
      await expectError(
        iam.send(new CreatePolicyCommand({ PolicyName: name.toLowerCase(), PolicyDocument: v1 })),
        'EntityAlreadyExistsException',
        409,
        `A policy called ${name.toLowerCase()} already exists. Duplicate names are not allowed.`,
      );
      const got = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
      assert.equal(got.Description, 'encrypts');
      assert.equal(got.PolicyName, name);

      const v1doc = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }))).PolicyVersion!;
      assert.equal(v1doc.Document, encodeURIComponent(v1));
      assert.equal(v1doc.IsDefaultVersion, true);

      const v2 = policy({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' });
      const created = (await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v2, SetAsDefault: true }))).PolicyVersion!;
      assert.equal(created.VersionId, 'v2');
      assert.equal(created.IsDefaultVersion, true);
      assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId, 'v2');
      assert.equal((await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }))).PolicyVersion?.IsDefaultVersion, false);
      for (const n of [3, 4, 5]) {
        assert.equal((await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v1 }))).PolicyVersion?.VersionId, `v${n}`);
      }
      await expectError(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v1 })), 'LimitExceededException', 409, /can have up to 5 versions/);
      const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
      assert.deepEqual(versions.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v5', false], ['v4', false], ['v3', false], ['v2', true], ['v1', false]]);

      await expectError(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })), 'DeleteConflictException', 409, 'Cannot delete the default version of a policy.');
      await expectError(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })), 'NoSuchEntityException', 404);
      await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
      await expectError(
        iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
        'DeleteConflictException',
        409,
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
      for (const v of ['v1', 'v2', 'v3', 'v4']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
      assert.equal((await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v1 }))).PolicyVersion?.VersionId, 'v6', 'version ids are never reused');
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v6' }));

      const user = uniqueName('att');
      await iam.send(new CreateUserCommand({ UserName: user }));
      await iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: arn }));
      assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount, 1);
      await expectError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflictException', 409, 'Cannot delete a policy attached to entities.');
      await iam.send(new DetachUserPolicyCommand({ UserName: user, PolicyArn: arn }));
      await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
      await expectError(iam.send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntityException', 404, `Policy ${arn} was not found.`);
      await expectError(iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:user/not-a-policy` })), 'InvalidInputException', 400, `ARN arn:aws:iam::${ACCOUNT}:user/not-a-policy is not valid.`);
    });

    it('validates managed policy documents and their size', async () => {
      await expectError(
        iam.send(new CreatePolicyCommand({ PolicyName: uniqueName('bad'), PolicyDocument: policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) })),
        'MalformedPolicyDocumentException',
        400,
      );
      const huge = policy({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: Array.from({ length: 120 }, (_, i) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${String(i).padStart(36, '0')}`) });
      await expectError(iam.send(new CreatePolicyCommand({ PolicyName: uniqueName('huge'), PolicyDocument: huge })), 'LimitExceededException', 409, 'Cannot exceed quota for PolicySize: 6144');
    });

    it('AWS managed policies: AdministratorAccess is attached to the administrator and listed with Scope=AWS', async () => {
      const admin = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'admin' }));
      assert.deepEqual(admin.AttachedPolicies, [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN_ACCESS }]);
      const aws = (await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))).Policies!;
      const adminPolicy = aws.find((p) => p.Arn === ADMIN_ACCESS);
      assert.ok(adminPolicy);
      assert.equal(adminPolicy.AttachmentCount, 1);
      assert.ok(aws.every((p) => p.Arn?.startsWith('arn:aws:iam::aws:policy/')));
      const got = (await iam.send(new GetPolicyCommand({ PolicyArn: ADMIN_ACCESS }))).Policy!;
      assert.equal(got.PolicyName, 'AdministratorAccess');
      const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: ADMIN_ACCESS, VersionId: got.DefaultVersionId }))).PolicyVersion!;
      assert.deepEqual(decodeDocument(version.Document), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      await expectError(iam.send(new DeletePolicyCommand({ PolicyArn: ADMIN_ACCESS })), 'NoSuchEntityException', 404);
    });

    it('ListPolicies: Scope Local/All, OnlyAttached, PathPrefix, pagination', async () => {
      const prefix = `/lp${Date.now().toString(36)}/`;
      const names = ['b', 'a'].map((n) => `${n}${uniqueName('lp')}`);
      for (const n of names) await iam.send(new CreatePolicyCommand({ PolicyName: n, Path: prefix, PolicyDocument: ALLOW_ALL_KMS }));
      const local = (await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: prefix }))).Policies!;
      assert.deepEqual(local.map((p) => p.PolicyName), [...names].sort());
      const all = (await iam.send(new ListPoliciesCommand({ Scope: 'All' }))).Policies!;
      assert.ok(all.some((p) => p.Arn === ADMIN_ACCESS) && all.some((p) => p.PolicyName === names[0]));
      const attached = (await iam.send(new ListPoliciesCommand({ OnlyAttached: true }))).Policies!;
      assert.ok(attached.some((p) => p.Arn === ADMIN_ACCESS));
      assert.ok(!attached.some((p) => names.includes(p.PolicyName!)));
      const page = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: prefix, MaxItems: 1 }));
      assert.equal(page.IsTruncated, true);
      assert.deepEqual((await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: prefix, Marker: page.Marker }))).Policies?.map((p) => p.PolicyName), [[...names].sort()[1]]);
    });

    it('attach and detach for users, groups and roles; attaching is idempotent; errors', async () => {
      const user = uniqueName('u');
      const group = uniqueName('g');
      const role = uniqueName('r');
      await iam.send(new CreateUserCommand({ UserName: user }));
      await iam.send(new CreateGroupCommand({ GroupName: group }));
      await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trustAccount() }));
      await iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: READ_ONLY }));
      await iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: READ_ONLY }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: READ_ONLY }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: READ_ONLY }));
      const expected = [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY }];
      assert.deepEqual((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: user }))).AttachedPolicies, expected);
      assert.deepEqual((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group }))).AttachedPolicies, expected);
      assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies, expected);
      assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy?.AttachmentCount, 3);

      const missing = 'arn:aws:iam::aws:policy/NoSuchPolicy';
      await expectError(iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: missing })), 'NoSuchEntityException', 404, `Policy ${missing} does not exist or is not attachable.`);
      await expectError(iam.send(new AttachRolePolicyCommand({ RoleName: 'norole', PolicyArn: READ_ONLY })), 'NoSuchEntityException', 404, 'The role with name norole cannot be found.');
      await expectError(iam.send(new DetachUserPolicyCommand({ UserName: user, PolicyArn: ADMIN_ACCESS })), 'NoSuchEntityException', 404, `Policy ${ADMIN_ACCESS} was not found.`);

      await iam.send(new DetachUserPolicyCommand({ UserName: user, PolicyArn: READ_ONLY }));
      await iam.send(new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: READ_ONLY }));
      await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: READ_ONLY }));
      assert.deepEqual((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: user }))).AttachedPolicies, []);
    });

    it('at most ten managed policies per user', async () => {
      const user = uniqueName('many');
      await iam.send(new CreateUserCommand({ UserName: user }));
      for (let i = 0; i < 10; i++) {
        const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: uniqueName(`m${i}`), PolicyDocument: ALLOW_ALL_KMS }))).Policy!.Arn!;
        await iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: arn }));
      }
      await expectError(iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: READ_ONLY })), 'LimitExceededException', 409, 'Cannot exceed quota for PoliciesPerUser: 10');
    });
  });
}
