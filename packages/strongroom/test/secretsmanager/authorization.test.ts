/**
 * Secrets Manager authorization: identity policies on secret ARNs and
 * condition keys, secret resource policies, and KMS as the second gate (the
 * value is decrypted as the caller: the AWS managed key allows the account
 * through Secrets Manager; a customer key whose policy does not allow the
 * caller denies the secret).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutResourcePolicyCommand,
  ReplicateSecretToRegionsCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
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

    it('needs secretsmanager:ReplicateSecretToRegions (with secretsmanager:AddReplicaRegions) to replicate, and the replica key as the caller', async () => {
      const replicator = await server.createUser('replicator');
      const sm = smClient(asServer(), server.region, replicator.credentials);
      await server.putUserPolicy('replicator', 'replicate', {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['secretsmanager:CreateSecret', 'secretsmanager:DescribeSecret'], Resource: '*' },
          { Effect: 'Allow', Action: ['secretsmanager:ReplicateSecretToRegions', 'secretsmanager:CreateSecret'], Resource: '*', Condition: { 'ForAllValues:StringLike': { 'secretsmanager:AddReplicaRegions': ['us-*'] } } },
        ],
      });
      await expectError(sm.send(new CreateSecretCommand({ Name: 'repl/eu', SecretString: 'x', AddReplicaRegions: [{ Region: 'eu-west-1' }] })), 'AccessDeniedException', /secretsmanager:ReplicateSecretToRegions/);
      await expectError(admin.send(new DescribeSecretCommand({ SecretId: 'repl/eu' })), 'ResourceNotFoundException');
      const created = await sm.send(new CreateSecretCommand({ Name: 'repl/us', SecretString: 'x', AddReplicaRegions: [{ Region: 'us-west-2' }] }));
      assert.equal(created.ReplicationStatus?.[0]?.Status, 'InSync');
      await expectError(sm.send(new ReplicateSecretToRegionsCommand({ SecretId: 'repl/us', AddReplicaRegions: [{ Region: 'eu-west-1' }] })), 'AccessDeniedException');

      // A customer key in the replica Region whose policy does not let the caller use it: the replica fails, the primary does not.
      const westKms = new KMSClient({ endpoint: server.url, region: 'us-east-2', credentials: server.admin, maxAttempts: 1 });
      const key = (await westKms.send(new CreateKeyCommand({}))).KeyMetadata!;
      const replicated = await sm.send(new ReplicateSecretToRegionsCommand({ SecretId: 'repl/us', AddReplicaRegions: [{ Region: 'us-east-2', KmsKeyId: key.Arn }] }));
      const status = replicated.ReplicationStatus?.find((r) => r.Region === 'us-east-2');
      assert.equal(status?.Status, 'Failed');
      assert.equal(status?.StatusMessage, 'Replication failed: Access to KMS is not allowed');
    });
  });
}
