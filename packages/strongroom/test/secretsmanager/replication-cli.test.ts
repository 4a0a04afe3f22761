/** Multi-Region secrets through the AWS CLI (/usr/bin/aws), --region per call: replicate, read in the other Region, follow, remove. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';

for (const engine of testStoreEngines()) {
  describe(`Secrets Manager replication through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server?.stop());

    const ok = (region: string, ...args: string[]) => awsCliJson(server, ['secretsmanager', ...args, '--region', region]);

    it('replicates a secret with replicate-secret-to-regions and reads it in the other Region', async () => {
      const created = await ok('us-east-1', 'create-secret', '--name', 'cli/multi', '--secret-string', 'first');
      const replicated = await ok('us-east-1', 'replicate-secret-to-regions', '--secret-id', 'cli/multi', '--add-replica-regions', 'Region=eu-west-1');
      assert.equal(replicated.ARN, created.ARN);
      assert.deepEqual(replicated.ReplicationStatus, [{ Region: 'eu-west-1', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InSync', StatusMessage: 'Replication succeeded' }]);

      const got = await ok('eu-west-1', 'get-secret-value', '--secret-id', 'cli/multi');
      assert.equal(got.SecretString, 'first');
      assert.equal(got.ARN, created.ARN.replace(':us-east-1:', ':eu-west-1:'));

      await ok('us-east-1', 'put-secret-value', '--secret-id', 'cli/multi', '--secret-string', 'second');
      assert.equal((await ok('eu-west-1', 'get-secret-value', '--secret-id', 'cli/multi')).SecretString, 'second');
      assert.equal((await ok('eu-west-1', 'describe-secret', '--secret-id', 'cli/multi')).PrimaryRegion, 'us-east-1');

      const refused = await runAwsCli(server, ['secretsmanager', 'put-secret-value', '--secret-id', 'cli/multi', '--secret-string', 'x', '--region', 'eu-west-1']);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /InvalidParameterException.*Operation not permitted on a replica secret/);

      const removed = await ok('us-east-1', 'remove-regions-from-replication', '--secret-id', 'cli/multi', '--remove-replica-regions', 'eu-west-1');
      assert.deepEqual(removed.ReplicationStatus, []);
      const gone = await runAwsCli(server, ['secretsmanager', 'get-secret-value', '--secret-id', 'cli/multi', '--region', 'eu-west-1']);
      assert.match(gone.stderr, /ResourceNotFoundException/);
    });

    it('promotes a replica with stop-replication-to-replica in its Region', async () => {
      const created = await ok('us-east-1', 'create-secret', '--name', 'cli/promote', '--secret-string', 'v', '--add-replica-regions', 'Region=eu-west-1');
      assert.equal(created.ReplicationStatus[0].Status, 'InSync');
      const replicaArn = created.ARN.replace(':us-east-1:', ':eu-west-1:');
      assert.equal((await ok('eu-west-1', 'stop-replication-to-replica', '--secret-id', replicaArn)).ARN, replicaArn);
      await ok('eu-west-1', 'put-secret-value', '--secret-id', 'cli/promote', '--secret-string', 'standalone');
      assert.equal((await ok('eu-west-1', 'get-secret-value', '--secret-id', 'cli/promote')).SecretString, 'standalone');
      assert.equal((await ok('us-east-1', 'get-secret-value', '--secret-id', 'cli/promote')).SecretString, 'v');
    });
  });
}
