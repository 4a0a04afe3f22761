import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AesGcmBarrier } from '../crypto/barrier/barrier.ts';
import { randomBytes } from '../crypto/primitives.ts';
import { openStore } from '../storage/store.ts';
import { openTestStore, testStoreEngines } from '../testing/test-stores.ts';
import { bootstrap } from './bootstrap.ts';
import { CREDENTIALS_FILE } from './credentials-file.ts';
import { IdentityRepository } from './identity-repository.ts';
import { ACCESS_KEY_ID_PATTERN } from './ids.ts';

function parseCredentials(text: string): Record<string, Record<string, string>> {
  const profiles: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    const section = /^\[(.+)\]$/.exec(line);
    if (section) profiles[section[1]] = current = {};
    const pair = /^([a-z_]+) = (.+)$/.exec(line);
    if (pair && current) current[pair[1]] = pair[2];
  }
  return profiles;
}

for (const engine of testStoreEngines()) {
  describe(`bootstrap [${engine.engine}]`, { skip: engine.skip }, () => {
    it('on first start creates account, admin user and key, and writes a 0600 credentials file with a working key', async () => {
      const { store, target, close } = await openTestStore(engine);
      try {
        const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
        const result = await bootstrap({ store, barrier, dataDir: target.dataDir, region: 'eu-west-2', endpointUrl: 'http://127.0.0.1:4566' });
        assert.equal(result.created, true);
        assert.equal(result.accountId, '000000000000');
        assert.match(result.accessKeyId!, ACCESS_KEY_ID_PATTERN);
        const file = path.join(target.dataDir, CREDENTIALS_FILE);
        assert.equal(result.credentialsFile, file);
        assert.equal(fs.statSync(file).mode & 0o777, 0o600);

        const profile = parseCredentials(fs.readFileSync(file, 'utf8')).strongroom;
        assert.equal(profile.aws_access_key_id, result.accessKeyId);
        assert.equal(profile.region, 'eu-west-2');
        assert.equal(profile.endpoint_url, 'http://127.0.0.1:4566');
        const found = await new IdentityRepository(store, barrier).findAccessKey(profile.aws_access_key_id);
        assert.equal(found?.secretAccessKey, profile.aws_secret_access_key);
        assert.equal(found?.arn, 'arn:aws:iam::000000000000:user/admin');
        assert.equal(found?.status, 'Active');
        assert.deepEqual(fs.readdirSync(target.dataDir).filter((f) => f.includes('.tmp')), [], 'no temp files left');
      } finally {
        await close();
      }
    });

    it('does nothing on later starts, and does not recreate a deleted credentials file', async () => {
      const { store, target, close } = await openTestStore(engine);
      try {
        const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
        const first = await bootstrap({ store, barrier, dataDir: target.dataDir, region: 'us-east-1', accountId: '123456789012' });
        assert.equal(first.accountId, '123456789012');
        const file = path.join(target.dataDir, CREDENTIALS_FILE);
        const content = fs.readFileSync(file, 'utf8');

        assert.deepEqual(await bootstrap({ store, barrier, dataDir: target.dataDir, region: 'us-east-1', accountId: '123456789012' }), {
          created: false,
          accountId: '123456789012',
        });
        assert.equal(fs.readFileSync(file, 'utf8'), content);
        fs.rmSync(file);
        assert.equal((await bootstrap({ store, barrier, dataDir: target.dataDir, region: 'us-east-1' })).created, false);
        assert.equal(fs.existsSync(file), false);
        assert.equal((await store.db.selectFrom('access_keys').selectAll().execute()).length, 1);
      } finally {
        await close();
      }
    });

    it('concurrent first starts bootstrap exactly once', async () => {
      const { target, close } = await openTestStore(engine);
      const stores = await Promise.all([openStore(target), openStore(target), openStore(target)]);
      try {
        const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
        const results = await Promise.all(stores.map((store) => bootstrap({ store, barrier, dataDir: target.dataDir, region: 'us-east-1' })));
        assert.equal(results.filter((r) => r.created).length, 1);
        assert.equal((await stores[0].db.selectFrom('access_keys').selectAll().execute()).length, 1);
        assert.equal((await stores[0].db.selectFrom('iam_users').selectAll().execute()).length, 1);
      } finally {
        for (const store of stores) await store.close();
        await close();
      }
    });

    it('commits nothing when the credentials file cannot be written, so the next start retries', async () => {
      const { store, target, close } = await openTestStore(engine);
      try {
        const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
        const blocked = path.join(target.dataDir, 'blocked');
        fs.writeFileSync(blocked, 'a file where a directory should be');
        await assert.rejects(bootstrap({ store, barrier, dataDir: path.join(blocked, 'data'), region: 'us-east-1' }));
        assert.deepEqual(await store.db.selectFrom('accounts').selectAll().execute(), []);
        assert.equal((await bootstrap({ store, barrier, dataDir: target.dataDir, region: 'us-east-1' })).created, true);
      } finally {
        await close();
      }
    });
  });
}
