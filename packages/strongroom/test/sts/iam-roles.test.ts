/**
 * Roles made and granted through the IAM API, assumed through STS, used with
 * KMS: identity policies of the caller and of the role, trust policies that
 * name a user or delegate to the account, managed session policies.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, STSServiceException, type Credentials } from '@aws-sdk/client-sts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError } from '../kms/kms-test-client.ts';

const ACCOUNT = '000000000000';
type ClientCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource = '*') => ({ Effect: 'Allow', Action: action, Resource: resource });
const trust = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }]);

function fromSts(credentials: Credentials | undefined): ClientCredentials {
  assert.ok(credentials?.AccessKeyId && credentials.SecretAccessKey && credentials.SessionToken);
  return { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken };
}

async function accessDenied(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(() => assert.fail('expected AccessDenied'), (e: unknown) => e);
  assert.ok(error instanceof STSServiceException, String(error));
  assert.equal(error.name, 'AccessDenied');
  assert.equal(error.$metadata.httpStatusCode, 403);
  assert.match(error.message, message);
}

for (const engine of testStoreEngines()) {
  describe(`STS with IAM roles and policies [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    const client = <C>(Client: new (config: object) => C, credentials: ClientCredentials = server.credentials): C =>
      new Client({ endpoint: server.url, region: server.region, credentials, maxAttempts: 1 });
    let iam: IAMClient;
    let dev: ClientCredentials;

    before(async () => {
      server = await startTestServer(engine);
      iam = client(IAMClient);
      await iam.send(new CreateUserCommand({ UserName: 'dev' }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }));
      dev = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    });
    after(() => server?.stop());

    it('a trust policy naming the account needs the caller\'s own allow for sts:AssumeRole', async () => {
      const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'account-trusting', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:root`) }));
      const assume = () => client(STSClient, dev).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'dev-session' }));
      await accessDenied(
        assume(),
        new RegExp(`^User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/account-trusting because no identity-based policy allows the sts:AssumeRole action$`),
      );
      await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'assume', PolicyDocument: policy([allow('sts:AssumeRole', Role!.Arn!)]) }));
      const out = await assume();
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/account-trusting/dev-session`);
    });

    it('a trust policy naming the user directly needs no identity policy', async () => {
      const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'dev-only', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:user/dev`) }));
      const out = await client(STSClient, dev).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'direct' }));
      const identity = await client(STSClient, fromSts(out.Credentials)).send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/dev-only/direct`);
      // ... and the administrator, whom it does not name, cannot assume it despite AdministratorAccess.
      await accessDenied(client(STSClient).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'admin' })), /because no resource-based policy allows the sts:AssumeRole action$/);
    });

    it('the session has the role\'s permissions, narrowed by managed session policies', async () => {
      const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'key-maker', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:root`) }));
      await iam.send(new PutRolePolicyCommand({ RoleName: 'key-maker', PolicyName: 'kms', PolicyDocument: policy([allow(['kms:CreateKey', 'kms:ListKeys'])]) }));
      const session = fromSts((await client(STSClient).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'maker' }))).Credentials);
      const { KeyMetadata } = await client(KMSClient, session).send(new CreateKeyCommand({ Description: 'made by a role' }));
      assert.ok(KeyMetadata?.KeyId);
      await client(KMSClient, session).send(new ListKeysCommand({}));

      const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'list-only', PolicyDocument: policy([allow('kms:ListKeys')]) }));
      const out = await client(STSClient).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'lister', PolicyArns: [{ arn: Policy!.Arn }] }));
      assert.equal(typeof out.PackedPolicySize, 'number');
      const narrowed = fromSts(out.Credentials);
      await client(KMSClient, narrowed).send(new ListKeysCommand({}));
      await expectError(
        client(KMSClient, narrowed).send(new CreateKeyCommand({})),
        'AccessDeniedException',
        new RegExp(`^User: arn:aws:sts::${ACCOUNT}:assumed-role/key-maker/lister is not authorized to perform: kms:CreateKey on resource: .* because no session policy allows the kms:CreateKey action$`),
      );
    });
  });
}
