/**
 * Parameter Store under IAM: ssm:* actions on parameter ARNs (and the path
 * ARN for GetParametersByPath); SecureString values additionally need KMS,
 * called as the caller, so a customer key's permissions guard decryption.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startAuthzTestServer, type AuthzTestServer } from '../authz/authz-test-server.ts';
import { expectError } from './ssm-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`SSM authorization [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: AuthzTestServer;
    let admin: SSMClient;
    let alice: SSMClient;
    let cmk: string;
    before(async () => {
      server = await startAuthzTestServer(engine);
      const client = (credentials: { accessKeyId: string; secretAccessKey: string }) => new SSMClient({ endpoint: server.url, region: server.region, credentials, maxAttempts: 1 });
      admin = client(server.admin);
      const user = await server.createUser('alice');
      const arn = (name: string) => `arn:aws:ssm:${server.region}:${server.accountId}:parameter/${name}`;
      await server.putUserPolicy('alice', 'team-params', {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['ssm:PutParameter', 'ssm:GetParameter', 'ssm:GetParameters'], Resource: arn('team/*') },
          { Effect: 'Allow', Action: 'ssm:GetParametersByPath', Resource: arn('team') },
        ],
      });
      alice = client(user.credentials);
      cmk = (await server.adminKms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
      await admin.send(new PutParameterCommand({ Name: '/team/cmk', Value: 'guarded', Type: 'SecureString', KeyId: cmk }));
      await admin.send(new PutParameterCommand({ Name: '/other/x', Value: 'x', Type: 'String' }));
    });
    after(() => server?.stop());

    it('allows what the policy names, and nothing else', async () => {
      await alice.send(new PutParameterCommand({ Name: '/team/a', Value: 'a', Type: 'String' }));
      assert.equal((await alice.send(new GetParameterCommand({ Name: '/team/a' }))).Parameter?.Value, 'a');
      const denied = await expectError(alice.send(new GetParameterCommand({ Name: '/other/x' })), 'AccessDeniedException');
      assert.match(denied.message, /is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:[^:]+:\d{12}:parameter\/other\/x/);
      await expectError(alice.send(new PutParameterCommand({ Name: '/other/y', Value: 'y', Type: 'String' })), 'AccessDeniedException');
      await expectError(alice.send(new GetParametersCommand({ Names: ['/team/a', '/other/x'] })), 'AccessDeniedException');
      const page = await alice.send(new GetParametersByPathCommand({ Path: '/team' }));
      assert.ok(page.Parameters?.some((p) => p.Name === '/team/a'));
      await expectError(alice.send(new GetParametersByPathCommand({ Path: '/other' })), 'AccessDeniedException');
    });

    it('uses the AWS managed key for any principal of the account, through Parameter Store', async () => {
      await alice.send(new PutParameterCommand({ Name: '/team/secret', Value: 'mine', Type: 'SecureString' }));
      assert.equal((await alice.send(new GetParameterCommand({ Name: '/team/secret', WithDecryption: true }))).Parameter?.Value, 'mine');
    });

    it('needs KMS permissions on a customer key to encrypt or decrypt', async () => {
      const encrypted = (await alice.send(new GetParameterCommand({ Name: '/team/cmk' }))).Parameter?.Value;
      assert.ok(encrypted && encrypted !== 'guarded');
      const denied = await expectError(alice.send(new GetParameterCommand({ Name: '/team/cmk', WithDecryption: true })), 'AccessDeniedException');
      assert.match(denied.message, /kms:Decrypt/);
      await expectError(alice.send(new PutParameterCommand({ Name: '/team/mine', Value: 'x', Type: 'SecureString', KeyId: cmk })), 'AccessDeniedException', /kms:Encrypt/);
      assert.equal((await admin.send(new GetParameterCommand({ Name: '/team/cmk', WithDecryption: true }))).Parameter?.Value, 'guarded');
    });
  });
}
