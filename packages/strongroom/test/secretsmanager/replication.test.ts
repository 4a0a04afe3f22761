/**
 * Multi-Region secrets end to end with @aws-sdk/client-secrets-manager: a
 * primary in us-east-1, replicas in eu-west-1 read by a client configured for
 * that Region, kept in step with the primary, read-only, removable and
 * promotable; replica keys in the replica's Region (AWS managed or customer).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  RestoreSecretCommand,
  StopReplicationToReplicaCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, smClient, uniqueName } from './sm-test-client.ts';

const PRIMARY = 'us-east-1';
const REPLICA = 'eu-west-1';
const READ_ONLY = "Operation not permitted on a replica secret. Call must be made in primary secret's region.";
const NOT_FOUND = "Secrets Manager can't find the specified secret.";

const inRegion = (arn: string, region: string) => arn.replace(`:${PRIMARY}:`, `:${region}:`);

for (const engine of testStoreEngines()) {
  describe(`Secrets Manager multi-Region replication [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let east: SecretsManagerClient;
    let west: SecretsManagerClient;
    let kmsWest: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      east = smClient(server, PRIMARY);
      west = smClient(server, REPLICA);
      kmsWest = new KMSClient({ endpoint: server.url, region: REPLICA, credentials: server.credentials, maxAttempts: 1 });
    });
    after(() => server?.stop());

    const valueIn = async (client: SecretsManagerClient, id: string, stage?: string) => (await client.send(new GetSecretValueCommand({ SecretId: id, VersionStage: stage }))).SecretString;

    it('creates a secret with a replica that a client for the other Region reads', async () => {
      const name = uniqueName('multi');
      const created = await east.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', Description: 'replicated', Tags: [{ Key: 'team', Value: 'ops' }], AddReplicaRegions: [{ Region: REPLICA }] }));
      assert.deepEqual(created.ReplicationStatus, [{ Region: REPLICA, KmsKeyId: 'alias/aws/secretsmanager', Status: 'InSync', StatusMessage: 'Replication succeeded' }]);
      const replicaArn = inRegion(created.ARN!, REPLICA);

      for (const id of [name, replicaArn]) {
        const got = await west.send(new GetSecretValueCommand({ SecretId: id }));
        assert.equal(got.SecretString, 'v1');
        assert.equal(got.ARN, replicaArn);
        assert.equal(got.VersionId, created.VersionId);
        assert.deepEqual(got.VersionStages, ['AWSCURRENT']);
      }
      // The primary's ARN names the other Region: not found from eu-west-1.
      await expectError(west.send(new GetSecretValueCommand({ SecretId: created.ARN! })), 'ResourceNotFoundException', NOT_FOUND);

      const replica = await west.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(replica.ARN, replicaArn);
      assert.equal(replica.PrimaryRegion, PRIMARY);
      assert.equal(replica.ReplicationStatus, undefined);
      assert.equal(replica.Description, 'replicated');
      assert.deepEqual(replica.Tags, [{ Key: 'team', Value: 'ops' }]);
      assert.deepEqual(replica.VersionIdsToStages, { [created.VersionId!]: ['AWSCURRENT'] });

      const primary = await east.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(primary.PrimaryRegion, PRIMARY);
      assert.equal(primary.ReplicationStatus?.length, 1);
      assert.equal(primary.ReplicationStatus?.[0]?.Status, 'InSync');
      assert.ok(primary.ReplicationStatus?.[0]?.LastAccessedDate instanceof Date, 'read in the replica Region');

      // The replica is encrypted under eu-west-1's own AWS managed key, created on first use.
      const managed = await kmsWest.send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }));
      assert.equal(managed.KeyMetadata?.KeyManager, 'AWS');
      assert.match(managed.KeyMetadata!.Arn!, new RegExp(`^arn:aws:kms:${REPLICA}:`));

      const listed = async (client: SecretsManagerClient, region: string) =>
        (await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [name] }, { Key: 'primary-region', Values: [region] }] }))).SecretList ?? [];
      assert.deepEqual((await listed(west, PRIMARY)).map((s) => [s.ARN, s.PrimaryRegion]), [[replicaArn, PRIMARY]]);
      assert.deepEqual((await listed(east, PRIMARY)).map((s) => [s.ARN, s.PrimaryRegion]), [[created.ARN, PRIMARY]]);
      assert.deepEqual(await listed(west, REPLICA), []);
    });

    it('keeps the replica in step with every change of the primary', async () => {
      const name = uniqueName('follow');
      const created = await east.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', AddReplicaRegions: [{ Region: REPLICA }] }));
      const v2 = await east.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
      assert.equal(await valueIn(west, name), 'v2');
      assert.equal(await valueIn(west, name, 'AWSPREVIOUS'), 'v1');

      await east.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'pending', VersionStages: ['AWSPENDING'], ClientRequestToken: 'a'.repeat(32) }));
      assert.equal(await valueIn(west, name, 'AWSPENDING'), 'pending');
      await east.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: created.VersionId, RemoveFromVersionId: v2.VersionId }));
      const [p, r] = await Promise.all([east.send(new DescribeSecretCommand({ SecretId: name })), west.send(new DescribeSecretCommand({ SecretId: name }))]);
      assert.deepEqual(r.VersionIdsToStages, p.VersionIdsToStages);
      assert.deepEqual(p.VersionIdsToStages?.[created.VersionId!], ['AWSCURRENT']);
      assert.equal(await valueIn(west, name), 'v1');

      await east.send(new UpdateSecretCommand({ SecretId: name, Description: 'now described', SecretString: 'v3' }));
      await east.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'tmp', Value: 'x' }] }));
      await east.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['tmp'] }));
      const replica = await west.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(replica.Description, 'now described');
      assert.deepEqual(replica.Tags, [{ Key: 'env', Value: 'prod' }]);
      assert.equal(await valueIn(west, name), 'v3');

      // The resource policy is replicated: a policy denying everyone GetSecretValue applies in the replica Region too.
      const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
      await east.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: deny }));
      await expectError(west.send(new GetSecretValueCommand({ SecretId: name })), 'AccessDeniedException');
    });

    it('refuses writes on a replica in its Region and deleting a primary that has replicas', async () => {
      const name = uniqueName('ro');
      const created = await east.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', AddReplicaRegions: [{ Region: REPLICA }] }));
      const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
      const attempts: Array<() => Promise<unknown>> = [
        () => west.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'nope' })),
        () => west.send(new UpdateSecretCommand({ SecretId: name, Description: 'nope' })),
        () => west.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'X', MoveToVersionId: created.VersionId })),
        () => west.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k', Value: 'v' }] })),
        () => west.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['k'] })),
        () => west.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: allowAll })),
        () => west.send(new GetResourcePolicyCommand({ SecretId: name })),
        () => west.send(new DeleteSecretCommand({ SecretId: name })),
        () => west.send(new RestoreSecretCommand({ SecretId: name })),
        () => west.send(new ReplicateSecretToRegionsCommand({ SecretId: name, AddReplicaRegions: [{ Region: 'eu-central-1' }] })),
        () => west.send(new RemoveRegionsFromReplicationCommand({ SecretId: name, RemoveReplicaRegions: [PRIMARY] })),
      ];
      for (const attempt of attempts) await expectError(attempt(), 'InvalidParameterException', READ_ONLY);
      assert.equal(await valueIn(west, name), 'v1');

      await expectError(
        east.send(new DeleteSecretCommand({ SecretId: created.ARN!, ForceDeleteWithoutRecovery: true })),
        'InvalidParameterException',
        `You can't delete secret ${created.ARN} that still has replica regions [${REPLICA}]`,
      );
      assert.equal(await valueIn(east, name), 'v1');
    });

    it('removes a replica Region, deleting the replica at once', async () => {
      const name = uniqueName('remove');
      await east.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', AddReplicaRegions: [{ Region: REPLICA }, { Region: 'ap-southeast-2' }] }));
      const removed = await east.send(new RemoveRegionsFromReplicationCommand({ SecretId: name, RemoveReplicaRegions: [REPLICA] }));
      assert.deepEqual(removed.ReplicationStatus?.map((s) => [s.Region, s.Status]), [['ap-southeast-2', 'InSync']]);
      await expectError(west.send(new GetSecretValueCommand({ SecretId: name })), 'ResourceNotFoundException', NOT_FOUND);
      // Removing a Region that is not (or no longer) a replica Region changes nothing.
      await east.send(new RemoveRegionsFromReplicationCommand({ SecretId: name, RemoveReplicaRegions: [REPLICA, 'ap-southeast-2'] }));
      const described = await east.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(described.ReplicationStatus, undefined);
      assert.equal(described.PrimaryRegion, undefined);
      await east.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
      // The name is free in the former replica Region.
      await west.send(new CreateSecretCommand({ Name: name, SecretString: 'local' }));
      assert.equal(await valueIn(west, name), 'local');
    });

    it('promotes a replica to a standalone secret with StopReplicationToReplica', async () => {
      const name = uniqueName('promote');
      const created = await east.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', AddReplicaRegions: [{ Region: REPLICA }] }));
      const replicaArn = inRegion(created.ARN!, REPLICA);
      await expectError(east.send(new StopReplicationToReplicaCommand({ SecretId: name })), 'InvalidRequestException');
      const stopped = await west.send(new StopReplicationToReplicaCommand({ SecretId: replicaArn }));
      assert.equal(stopped.ARN, replicaArn);

      const promoted = await west.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(promoted.PrimaryRegion, undefined);
      assert.equal((await east.send(new DescribeSecretCommand({ SecretId: name }))).ReplicationStatus, undefined);
      // Now writable in its Region, and independent of the former primary.
      await west.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'west' }));
      await east.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'east' }));
      assert.equal(await valueIn(west, name), 'west');
      assert.equal(await valueIn(east, name), 'east');
      await east.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
      assert.equal(await valueIn(west, name), 'west');
    });

    it('encrypts a replica under a customer key of its Region, and reports Failed while that key is disabled', async () => {
      const key = (await kmsWest.send(new CreateKeyCommand({ Description: 'replica key' }))).KeyMetadata!;
      assert.match(key.Arn!, new RegExp(`^arn:aws:kms:${REPLICA}:`));
      const name = uniqueName('cmk');
      const created = await east.send(new CreateSecretCommand({ Name: name, SecretString: 'v1' }));
      const replicated = await east.send(new ReplicateSecretToRegionsCommand({ SecretId: created.ARN!, AddReplicaRegions: [{ Region: REPLICA, KmsKeyId: key.KeyId }] }));
      assert.equal(replicated.ARN, created.ARN);
      assert.deepEqual(replicated.ReplicationStatus, [{ Region: REPLICA, KmsKeyId: key.KeyId, Status: 'InSync', StatusMessage: 'Replication succeeded' }]);
      assert.equal((await west.send(new DescribeSecretCommand({ SecretId: name }))).KmsKeyId, key.KeyId);
      assert.equal(await valueIn(west, name), 'v1');

      // The replica's value depends on the replica key, the primary's does not.
      await kmsWest.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await expectError(west.send(new GetSecretValueCommand({ SecretId: name })), 'DecryptionFailure');
      assert.equal(await valueIn(east, name), 'v1');

      // A change while the key is disabled succeeds on the primary; the replica is marked Failed.
      await east.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
      const failed = (await east.send(new DescribeSecretCommand({ SecretId: name }))).ReplicationStatus?.[0];
      assert.equal(failed?.Status, 'Failed');
      assert.match(failed?.StatusMessage ?? '', /^Replication failed: /);

      // Once the key is enabled again, the next change of the primary catches the replica up.
      await kmsWest.send(new EnableKeyCommand({ KeyId: key.KeyId }));
      assert.equal(await valueIn(west, name), 'v1', 'the replica kept its last good state');
      await east.send(new UpdateSecretCommand({ SecretId: name, Description: 'retry' }));
      assert.equal((await east.send(new DescribeSecretCommand({ SecretId: name }))).ReplicationStatus?.[0]?.Status, 'InSync');
      assert.equal(await valueIn(west, name), 'v2');
      assert.equal(await valueIn(west, name, 'AWSPREVIOUS'), 'v1');
    });

    it('leaves a same-named secret in the other Region alone unless ForceOverwriteReplicaSecret', async () => {
      const name = uniqueName('clash');
      const local = await west.send(new CreateSecretCommand({ Name: name, SecretString: 'local' }));
      const created = await east.send(new CreateSecretCommand({ Name: name, SecretString: 'primary' }));
      const failed = await east.send(new ReplicateSecretToRegionsCommand({ SecretId: name, AddReplicaRegions: [{ Region: REPLICA }] }));
      assert.deepEqual(failed.ReplicationStatus, [
        { Region: REPLICA, KmsKeyId: 'alias/aws/secretsmanager', Status: 'Failed', StatusMessage: `Replication failed: Secret name ${name} already exists in region ${REPLICA}.` },
      ]);
      const untouched = await west.send(new GetSecretValueCommand({ SecretId: name }));
      assert.equal(untouched.SecretString, 'local');
      assert.equal(untouched.ARN, local.ARN);
      // Later changes of the primary do not touch it either.
      await east.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'primary2' }));
      assert.equal(await valueIn(west, name), 'local');

      const forced = await east.send(new ReplicateSecretToRegionsCommand({ SecretId: name, AddReplicaRegions: [{ Region: REPLICA }], ForceOverwriteReplicaSecret: true }));
      assert.equal(forced.ReplicationStatus?.[0]?.Status, 'InSync');
      const replaced = await west.send(new GetSecretValueCommand({ SecretId: name }));
      assert.equal(replaced.SecretString, 'primary2');
      assert.equal(replaced.ARN, inRegion(created.ARN!, REPLICA));
      await expectError(west.send(new GetSecretValueCommand({ SecretId: local.ARN! })), 'ResourceNotFoundException', NOT_FOUND);
    });

    it('rejects bad replica Regions and changes nothing', async () => {
      const name = uniqueName('bad');
      await expectError(east.send(new CreateSecretCommand({ Name: name, SecretString: 'x', AddReplicaRegions: [{ Region: PRIMARY }] })), 'InvalidParameterException', 'Invalid replica region.');
      await expectError(east.send(new DescribeSecretCommand({ SecretId: name })), 'ResourceNotFoundException', NOT_FOUND);
      await east.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }));
      await expectError(east.send(new ReplicateSecretToRegionsCommand({ SecretId: name, AddReplicaRegions: [{ Region: PRIMARY }] })), 'InvalidParameterException', 'Invalid replica region.');
      await expectError(east.send(new ReplicateSecretToRegionsCommand({ SecretId: uniqueName('missing'), AddReplicaRegions: [{ Region: REPLICA }] })), 'ResourceNotFoundException', NOT_FOUND);
      await east.send(new DeleteSecretCommand({ SecretId: name }));
      await expectError(
        east.send(new ReplicateSecretToRegionsCommand({ SecretId: name, AddReplicaRegions: [{ Region: REPLICA }] })),
        'InvalidRequestException',
        "You can't perform this operation on the secret because it was marked for deletion.",
      );
      await expectError(west.send(new DescribeSecretCommand({ SecretId: name })), 'ResourceNotFoundException', NOT_FOUND);
    });
  });
}
