/** The deletion sweep and SecretId resolution, on each store engine (no KMS calls involved). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AesGcmBarrier } from '../../../crypto/barrier/barrier.ts';
import { randomBytes } from '../../../crypto/primitives.ts';
import type { InternalClient } from '../../../server/internal-client.ts';
import type { Store } from '../../../storage/store.ts';
import { openTestStore, testStoreEngines } from '../../../testing/test-stores.ts';
import { SecretsModel } from './secrets-model.ts';
import type { SecretRecord } from './types.ts';
import { openValue, sealValue } from './value-envelope.ts';

const scope = { accountId: '111122223333', region: 'eu-west-1' };

function record(name: string, fields: Partial<SecretRecord> = {}): SecretRecord {
  return {
    ...scope,
    name,
    arn: `arn:aws:secretsmanager:${scope.region}:${scope.accountId}:secret:${name}-AbC123`,
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

for (const engine of testStoreEngines()) {
  describe(`SecretsModel [${engine.engine}]`, { skip: engine.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let model: SecretsModel;
    const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
    before(async () => {
      ({ store, close } = await openTestStore(engine));
      const internal = {} as InternalClient;
      model = new SecretsModel({ store, barrier, internal, managedKeyArn: async () => 'unused' });
    });
    after(() => close?.());

    it('purges secrets whose recovery window has ended, with their versions, and nothing else', async () => {
      const due = record('due/one', { deletedAt: 10, purgeAt: 1_000 });
      const later = record('later', { deletedAt: 10, purgeAt: 5_000 });
      const live = record('live');
      for (const s of [due, later, live]) await model.repo.insert(s);
      await model.repo.insertVersion(due, { versionId: 'v1', stages: ['AWSCURRENT'], createdAt: 1, lastAccessedAt: null, kmsKeyArn: 'k' }, Buffer.from('sealed'));
      assert.equal(await model.purgeDueDeletions(2_000), 1);
      assert.equal(await model.repo.byName(scope, 'due/one'), undefined);
      assert.deepEqual(await model.repo.versions(due), []);
      assert.ok(await model.repo.byName(scope, 'later'));
      assert.equal(await model.purgeDueDeletions(2_000), 0);
      assert.equal(await model.purgeDueDeletions(new Date(6_000)), 1);
      assert.ok(await model.repo.byName(scope, 'live'));
    });

    it('resolves names, full ARNs and partial ARNs', async () => {
      const s = record('app/db');
      await model.repo.insert(s);
      assert.equal((await model.find(scope, 'app/db'))?.arn, s.arn);
      assert.equal((await model.find(scope, s.arn))?.name, 'app/db');
      assert.equal((await model.find(scope, s.arn.slice(0, -7)))?.name, 'app/db');
      assert.equal(await model.find({ ...scope, region: 'us-east-1' }, s.arn), undefined);
      assert.equal(await model.find(scope, 'app/db-AbC123'), undefined);
    });

    it('seals values bound to their secret and version', () => {
      const dataKey = randomBytes(32);
      const sealed = sealValue(barrier, 'arn:a', 'v1', { string: 'hello' }, dataKey, Buffer.from('edk'));
      const opened = openValue(barrier, 'arn:a', 'v1', sealed);
      assert.deepEqual(opened.encryptedDataKey, Buffer.from('edk'));
      assert.deepEqual(opened.decrypt(dataKey), { string: 'hello' });
      assert.equal(opened.decrypt(randomBytes(32)), null);
      assert.throws(() => openValue(barrier, 'arn:a', 'v2', sealed));
      assert.equal(sealed.includes(Buffer.from('hello')), false);
    });
  });
}
