/** Replication bookkeeping: replica ARNs and identity, status views, requested Regions, and mirror() on each store engine (no KMS calls involved). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../errors/aws-error.ts';
import { AesGcmBarrier } from '../../../crypto/barrier/barrier.ts';
import { randomBytes } from '../../../crypto/primitives.ts';
import type { InternalClient } from '../../../server/internal-client.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { Store } from '../../../storage/store.ts';
import { openTestStore, testStoreEngines } from '../../../testing/test-stores.ts';
import { replicaRequests } from './add-replicas.ts';
import { alreadyExistsMessage, failureMessage, isReplicaOf, replicaArn, statusView } from './replication.ts';
import { SecretsModel } from './secrets-model.ts';
import type { SecretRecord } from './types.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:app/db-AbC123`;

function record(region: string, fields: Partial<SecretRecord> = {}): SecretRecord {
  return {
    accountId: ACCOUNT,
    region,
    name: 'app/db',
    arn: replicaArn(ARN, region),
    description: null,
    kmsKeyId: null,
    tags: [],
    resourcePolicy: null,
    createdAt: 1,
    lastChangedAt: 1,
    lastAccessedAt: null,
    deletedAt: null,
    purgeAt: null,
    primaryRegion: null,
    ...fields,
  };
}

describe('replication helpers', () => {
  it('derives the replica ARN by swapping only the Region', () => {
    assert.equal(replicaArn(ARN, 'eu-west-1'), `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:app/db-AbC123`);
    assert.equal(replicaArn('arn:aws:secretsmanager:us-east-1:1:secret:a:b-XyZ123', 'ap-south-1'), 'arn:aws:secretsmanager:ap-south-1:1:secret:a:b-XyZ123');
  });

  it('recognises only the primary’s own replica', () => {
    const primary = record('us-east-1');
    assert.ok(isReplicaOf(record('eu-west-1', { primaryRegion: 'us-east-1' }), primary));
    assert.ok(!isReplicaOf(record('eu-west-1'), primary), 'a promoted ex-replica');
    assert.ok(!isReplicaOf(record('eu-west-1', { primaryRegion: 'us-east-1', arn: replicaArn(ARN, 'eu-west-1').replace('AbC123', 'Other1') }), primary), 'another secret of that name');
    assert.ok(!isReplicaOf(undefined, primary));
  });

  it('shows a status with the managed key alias when no key was given', () => {
    assert.deepEqual(statusView({ region: 'eu-west-1', kmsKeyId: null, status: 'InSync', statusMessage: 'Replication succeeded', addedAt: 1 }), {
      Region: 'eu-west-1',
      KmsKeyId: 'alias/aws/secretsmanager',
      Status: 'InSync',
      StatusMessage: 'Replication succeeded',
    });
    const viewed = statusView({ region: 'eu-west-1', kmsKeyId: 'k', status: 'InProgress', statusMessage: null, addedAt: 1 }, record('eu-west-1', { lastAccessedAt: 86_400_000 }));
    assert.deepEqual(viewed, { Region: 'eu-west-1', KmsKeyId: 'k', Status: 'InProgress', LastAccessedDate: new Date(86_400_000) });
  });

  it('words failures', () => {
    assert.equal(alreadyExistsMessage('x', 'eu-west-1'), 'Replication failed: Secret name x already exists in region eu-west-1.');
    assert.equal(failureMessage(new AwsError('EncryptionFailure', 'no key')), 'Replication failed: no key');
    assert.equal(failureMessage(new Error('internal detail')), 'Replication failed: Internal error');
  });

  it('checks requested Regions: valid codes, not the primary’s; the last entry for a Region wins', () => {
    assert.deepEqual(replicaRequests('us-east-1', [{ Region: 'eu-west-1' }, { Region: 'ap-south-1', KmsKeyId: 'k1' }, { Region: 'eu-west-1', KmsKeyId: 'k2' }]), [
      { region: 'eu-west-1', kmsKeyId: 'k2' },
      { region: 'ap-south-1', kmsKeyId: 'k1' },
    ]);
    for (const bad of [[{ Region: 'us-east-1' }], [{}], [{ Region: 'EU-WEST-1' }], [{ Region: 'nowhere' }]]) {
      assert.throws(() => replicaRequests('us-east-1', bad), (e: AwsError) => e.code === 'InvalidParameterException' && e.message === 'Invalid replica region.');
    }
  });
});

for (const engine of testStoreEngines()) {
  describe(`Replicator.mirror [${engine.engine}]`, { skip: engine.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let model: SecretsModel;
    const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
    const ctx = {} as RequestContext;
    before(async () => {
      ({ store, close } = await openTestStore(engine));
      // No KMS: every test here needs none, and any call would throw.
      model = new SecretsModel({ store, barrier, internal: {} as InternalClient, managedKeyArn: async () => assert.fail('no KMS expected') });
    });
    after(() => close?.());

    const version = (versionId: string, stages: string[], createdAt: number) => ({ versionId, stages, createdAt, lastAccessedAt: null, kmsKeyArn: `k-${versionId}` });

    it('copies metadata, missing versions and labels onto the replica, drops versions the primary dropped, and records the status', async () => {
      const primary = record('us-east-1', { description: 'd', tags: [{ Key: 'a', Value: 'b' }], resourcePolicy: '{"p":1}', lastChangedAt: 7 });
      const replica = record('eu-west-1', { primaryRegion: 'us-east-1', kmsKeyId: 'replica-key' });
      await model.repo.insert(primary);
      await model.repo.insert(replica);
      await model.repo.insertVersion(primary, version('v1', ['AWSPREVIOUS'], 1), Buffer.from('p1'));
      await model.repo.insertVersion(primary, version('v2', ['AWSCURRENT'], 2), Buffer.from('p2'));
      await model.repo.insertVersion(replica, version('v1', ['AWSCURRENT'], 1), Buffer.from('r1'));
      await model.repo.insertVersion(replica, version('gone', [], 0), Buffer.from('r0'));
      await model.repo.putReplica(primary, { region: 'eu-west-1', kmsKeyId: 'replica-key', status: 'Failed', statusMessage: 'before', addedAt: 1 });

      await store.transaction(() => model.replication.mirror(primary, [{ region: 'eu-west-1', sealed: new Map([['v2', { kmsKeyArn: 'west-key', sealed: Buffer.from('w2') }]]) }]));

      const copied = await model.repo.byName(replica, 'app/db');
      assert.equal(copied?.description, 'd');
      assert.deepEqual(copied?.tags, [{ Key: 'a', Value: 'b' }]);
      assert.equal(copied?.resourcePolicy, '{"p":1}');
      assert.equal(copied?.kmsKeyId, 'replica-key', 'the replica keeps its own key');
      assert.deepEqual(
        (await model.repo.versions(replica)).map((v) => [v.versionId, v.stages, v.kmsKeyArn]),
        [
          ['v1', ['AWSPREVIOUS'], 'k-v1'],
          ['v2', ['AWSCURRENT'], 'west-key'],
        ],
      );
      assert.deepEqual(await model.repo.sealedValue(replica, 'v2'), Buffer.from('w2'));
      assert.deepEqual((await model.repo.replicas(primary)).map((e) => [e.status, e.statusMessage]), [['InSync', 'Replication succeeded']]);
    });

    it('marks a replica InProgress when a version could not be copied, and Failed on a KMS failure', async () => {
      const primary = record('us-east-1', { name: 'p2', arn: ARN.replace('app/db', 'p2') });
      const replica = { ...primary, region: 'eu-west-1', arn: replicaArn(primary.arn, 'eu-west-1'), primaryRegion: 'us-east-1' };
      await model.repo.insert(primary);
      await model.repo.insert(replica);
      await model.repo.insertVersion(primary, version('v1', ['AWSCURRENT'], 1), Buffer.from('p1'));
      await model.repo.putReplica(primary, { region: 'eu-west-1', kmsKeyId: null, status: 'InSync', statusMessage: 'Replication succeeded', addedAt: 1 });
      await store.transaction(() => model.replication.mirror(primary, [{ region: 'eu-west-1', sealed: new Map() }]));
      assert.deepEqual((await model.repo.replicas(primary)).map((e) => [e.status, e.statusMessage]), [['InProgress', null]]);
      assert.deepEqual(await model.repo.versions(replica), []);
      await store.transaction(() => model.replication.mirror(primary, [{ region: 'eu-west-1', sealed: new Map(), failure: 'Replication failed: x' }]));
      assert.deepEqual((await model.repo.replicas(primary)).map((e) => [e.status, e.statusMessage]), [['Failed', 'Replication failed: x']]);
    });

    it('refuses writes on a replica through get(primaryOnly) and reads it otherwise', async () => {
      const scope = { accountId: ACCOUNT, region: 'eu-west-1' };
      assert.equal((await model.get(scope, 'app/db')).primaryRegion, 'us-east-1');
      await assert.rejects(model.get(scope, 'app/db', { primaryOnly: true }), (e: AwsError) => e.code === 'InvalidParameterException' && /replica secret/.test(e.message));
      // No replica needs catching up, so preparing a change makes no KMS call.
      assert.equal((await model.replication.prepare(ctx, await model.get({ accountId: ACCOUNT, region: 'us-east-1' }, 'app/db'))).length, 1);
    });
  });
}
