/**
 * Secrets Manager authorization: identity policies on secret ARNs and
 * condition keys, secret resource policies, and KMS as the second gate (the
 * value is decrypted as the caller: the AWS managed key allows the account
 * through Secrets Manager; a customer key whose policy does not allow the
 * caller denies the secret).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BatchGetSecretValueCommand, CreateSecretCommand, GetSecretValueCommand, PutResourcePolicyCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startAuthzTestServer, type AuthzTestServer, type TestUser } from '../authz/authz-test-server.ts';
import { expectError, smClient } from './sm-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`Secrets Manager authorization [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: AuthzTestServer;
    let admin: SecretsManagerClient;
    let user: TestUser;
    let userSm: SecretsManagerClient;
    const asServer = () => ({ url: server.url, region: server.region }) as Parameters<typeof smClient>[0];
    before(async () => {
      server = await startAuthzTestServer(engine);
      admin = smClient(asServer(), server.region, server.admin);
      user = await server.createUser('reader');
      userSm = smClient(asServer(), server.region, user.credentials);
      await server.putUserPolicy('reader', 'secrets', {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' },
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${server.region}:${server.accountId}:secret:allowed/*` },
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'secretsmanager:ResourceTag/team': 'blue' } } },
        ],
      });
    });
    after(() => server?.stop());

    it('allows by ARN pattern and resource tag, denies otherwise', async () => {
      await admin.send(new CreateSecretCommand({ Name: 'allowed/one', SecretString: 'one' }));
      await admin.send(new CreateSecretCommand({ Name: 'other/tagged', SecretString: 'two', Tags: [{ Key: 'team', Value: 'blue' }] }));
      await admin.send(new CreateSecretCommand({ Name: 'other/plain', SecretString: 'three' }));
      assert.equal((await userSm.send(new GetSecretValueCommand({ SecretId: 'allowed/one' }))).SecretString, 'one');
      assert.equal((await userSm.send(new GetSecretValueCommand({ SecretId: 'other/tagged' }))).SecretString, 'two');
      const denied = await expectError(userSm.send(new GetSecretValueCommand({ SecretId: 'other/plain' })), 'AccessDeniedException');
      assert.match(denied.message, /secretsmanager:GetSecretValue/);
      await expectError(userSm.send(new GetSecretValueCommand({ SecretId: 'other/missing' })), 'AccessDeniedException');
      await expectError(userSm.send(new GetSecretValueCommand({ SecretId: 'allowed/missing' })), 'ResourceNotFoundException');

      const batch = await userSm.send(new BatchGetSecretValueCommand({ SecretIdList: ['allowed/one', 'other/plain', 'other/tagged', 'allowed/missing'] }));
      assert.deepEqual(batch.SecretValues?.map((v) => v.SecretString), ['one', 'two']);
      assert.deepEqual(batch.Errors?.map((e) => [e.SecretId, e.ErrorCode]), [['other/plain', 'AccessDeniedException'], ['allowed/missing', 'ResourceNotFoundException']]);
      await expectError(userSm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['allowed/'] }] })), 'AccessDeniedException');
    });

    it('applies the secret resource policy', async () => {
      await admin.send(new CreateSecretCommand({ Name: 'allowed/guarded', SecretString: 'g' }));
      assert.equal((await userSm.send(new GetSecretValueCommand({ SecretId: 'allowed/guarded' }))).SecretString, 'g');
      await admin.send(
        new PutResourcePolicyCommand({
          SecretId: 'allowed/guarded',
          ResourcePolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Principal: { AWS: user.arn }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
          }),
        }),
      );
      await expectError(userSm.send(new GetSecretValueCommand({ SecretId: 'allowed/guarded' })), 'AccessDeniedException');
      assert.equal((await admin.send(new GetSecretValueCommand({ SecretId: 'allowed/guarded' }))).SecretString, 'g');
    });

    it('denies the secret when the caller may not use its customer managed key', async () => {
      const key = (await server.adminKms.send(new CreateKeyCommand({}))).KeyMetadata!;
      await admin.send(new CreateSecretCommand({ Name: 'allowed/cmk', SecretString: 'k', KmsKeyId: key.Arn }));
      await expectError(userSm.send(new GetSecretValueCommand({ SecretId: 'allowed/cmk' })), 'AccessDeniedException', 'Access to KMS is not allowed');
      await server.putUserPolicy('reader', 'kms', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key.Arn }] });
      assert.equal((await userSm.send(new GetSecretValueCommand({ SecretId: 'allowed/cmk' }))).SecretString, 'k');
    });
  });
}
