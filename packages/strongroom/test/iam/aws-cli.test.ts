/**
 * IAM through the AWS CLI (/usr/bin/aws) against the in-process test server:
 * the CLI URL-decodes policy documents into JSON, so this checks that IAM
 * encodes them as AWS does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { ACCOUNT, policy, trustAccount } from './iam-test-client.ts';


for (const engine of testStoreEngines()) {
  describe(`IAM through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-iam-cli-'));
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const aws = (...args: string[]) => runAwsCli(server, ['iam', ...args]);
    const ok = (...args: string[]) => awsCliJson(server, ['iam', ...args]);

    it('create-user, get-user, list-users', async () => {
      const created = await ok('create-user', '--user-name', 'cli-user', '--path', '/cli/');
      assert.equal(created.User.Arn, `arn:aws:iam::${ACCOUNT}:user/cli/cli-user`);
      assert.equal((await ok('get-user', '--user-name', 'cli-user')).User.UserId, created.User.UserId);
      const listed = await ok('list-users', '--path-prefix', '/cli/');
      assert.deepEqual(listed.Users.map((u: { UserName: string }) => u.UserName), ['cli-user']);
    });

    it('put-user-policy from a file, get-user-policy decodes it, list-user-policies, delete-user-policy', async () => {
      const document = policy({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' });
      const file = path.join(dir, 'policy.json');
      await writeFile(file, document);
      await ok('put-user-policy', '--user-name', 'cli-user', '--policy-name', 'crypto', '--policy-document', `file://${file}`);
      const got = await ok('get-user-policy', '--user-name', 'cli-user', '--policy-name', 'crypto');
      assert.deepEqual(got.PolicyDocument, JSON.parse(document));
      assert.deepEqual((await ok('list-user-policies', '--user-name', 'cli-user')).PolicyNames, ['crypto']);
      await ok('delete-user-policy', '--user-name', 'cli-user', '--policy-name', 'crypto');
      assert.deepEqual((await ok('list-user-policies', '--user-name', 'cli-user')).PolicyNames, []);
    });

    it('create-role and get-role (decoded trust policy), attach-role-policy, list-attached-role-policies', async () => {
      const created = await ok('create-role', '--role-name', 'cli-role', '--assume-role-policy-document', trustAccount());
      assert.deepEqual(created.Role.AssumeRolePolicyDocument, JSON.parse(trustAccount()));
      assert.deepEqual((await ok('get-role', '--role-name', 'cli-role')).Role.AssumeRolePolicyDocument, JSON.parse(trustAccount()));
      await ok('attach-role-policy', '--role-name', 'cli-role', '--policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
      assert.deepEqual((await ok('list-attached-role-policies', '--role-name', 'cli-role')).AttachedPolicies, [
        { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      ]);
    });

    it('create-policy, get-policy-version (decoded), list-policies --scope Local', async () => {
      const document = policy({ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' });
      const created = await ok('create-policy', '--policy-name', 'cli-policy', '--policy-document', document);
      const version = await ok('get-policy-version', '--policy-arn', created.Policy.Arn, '--version-id', 'v1');
      assert.deepEqual(version.PolicyVersion.Document, JSON.parse(document));
      const local = await ok('list-policies', '--scope', 'Local');
      assert.deepEqual(local.Policies.map((p: { PolicyName: string }) => p.PolicyName), ['cli-policy']);
    });

    it('reports errors as AWS words them', async () => {
      const missing = await aws('get-user', '--user-name', 'nobody');
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /An error occurred \(NoSuchEntity\) when calling the GetUser operation: The user with name nobody cannot be found\./);
      const malformed = await aws('put-user-policy', '--user-name', 'cli-user', '--policy-name', 'bad', '--policy-document', '{"Version":"2012-10-17","Statement":[]');
      assert.match(malformed.stderr, /MalformedPolicyDocument/);
    });
  });
}
