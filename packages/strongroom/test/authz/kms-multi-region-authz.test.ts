/**
 * Authorization of ReplicateKey and UpdatePrimaryRegion as AWS documents it:
 * kms:ReplicateKey on the primary key, kms:CreateKey in an IAM policy for the
 * replica region (aws:RequestedRegion there), kms:TagResource for Tags;
 * kms:UpdatePrimaryRegion on both the current primary and the new one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeKeyCommand, KMSClient, ReplicateKeyCommand, UpdatePrimaryRegionCommand } from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { expectError, newKey } from '../kms/kms-test-client.ts';
import { lastLine, policy, startAuthzTestServer, type AuthzTestServer } from './authz-test-server.ts';

for (const engine of testStoreEngines()) {
  describe(`KMS multi-Region authorization [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: AuthzTestServer;
    before(async () => {
      server = await startAuthzTestServer(engine);
    });
    after(() => server?.stop());

    it('ReplicateKey needs kms:ReplicateKey on the primary, kms:CreateKey for the replica region and kms:TagResource for Tags', async () => {
      const primary = await newKey(server.adminKms, { MultiRegion: true });
      const user = await server.createUser('replicator');
      const denied = (action: string, resource: string) =>
        `User: ${user.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

      await server.putUserPolicy('replicator', 'replicate', policy({ Effect: 'Allow', Action: 'kms:ReplicateKey', Resource: primary.Arn }));
      await expectError(user.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' })), 'AccessDeniedException', denied('kms:CreateKey', '*'));

      // kms:CreateKey allowed only in us-east-1: not enough for a replica in eu-west-1.
      await server.putUserPolicy('replicator', 'create', policy({ Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }));
      await expectError(user.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' })), 'AccessDeniedException', denied('kms:CreateKey', '*'));

      await server.putUserPolicy('replicator', 'create', policy({ Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }));
      await expectError(
        user.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1', Tags: [{ TagKey: 't', TagValue: 'v' }] })),
        'AccessDeniedException',
        denied('kms:TagResource', '*'),
      );
      const replicated = await user.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' }));
      assert.equal(replicated.ReplicaKeyMetadata?.KeyState, 'Enabled');
      const line = lastLine(server, user.arn, 'ReplicateKey');
      assert.deepEqual(
        (line?.authz as Array<{ action: string; decision: string }>).map((d) => [d.action, d.decision]),
        [['kms:ReplicateKey', 'Allow'], ['kms:CreateKey', 'Allow']],
      );

      // kms:ReplicaRegion narrows kms:ReplicateKey.
      const other = await newKey(server.adminKms, { MultiRegion: true });
      await server.putUserPolicy('replicator', 'replicate', policy({ Effect: 'Allow', Action: 'kms:ReplicateKey', Resource: other.Arn, Condition: { StringEquals: { 'kms:ReplicaRegion': 'ap-southeast-2' } } }));
      await expectError(user.kms.send(new ReplicateKeyCommand({ KeyId: other.KeyId, ReplicaRegion: 'eu-west-1' })), 'AccessDeniedException', denied('kms:ReplicateKey', other.Arn!));
    });

    it('UpdatePrimaryRegion needs kms:UpdatePrimaryRegion on the current primary and on the replica that becomes primary', async () => {
      const primary = await newKey(server.adminKms, { MultiRegion: true });
      const replica = (await server.adminKms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' }))).ReplicaKeyMetadata!;
      const user = await server.createUser('promoter');
      const denied = (resource: string) =>
        `User: ${user.arn} is not authorized to perform: kms:UpdatePrimaryRegion on resource: ${resource} because no identity-based policy allows the kms:UpdatePrimaryRegion action`;
      await server.putUserPolicy('promoter', 'update', policy({ Effect: 'Allow', Action: 'kms:UpdatePrimaryRegion', Resource: primary.Arn }));
      await expectError(user.kms.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: 'eu-west-1' })), 'AccessDeniedException', denied(replica.Arn!));
      await server.putUserPolicy('promoter', 'update', policy({ Effect: 'Allow', Action: 'kms:UpdatePrimaryRegion', Resource: [primary.Arn, replica.Arn] }));
      await user.kms.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: 'eu-west-1' }));
      const eu = new KMSClient({ endpoint: server.url, region: 'eu-west-1', credentials: server.admin, maxAttempts: 1 });
      assert.equal((await eu.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType, 'PRIMARY');
    });
  });
}
