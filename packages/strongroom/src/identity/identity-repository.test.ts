import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AesGcmBarrier } from '../crypto/barrier/barrier.ts';
import { BarrierError } from '../crypto/barrier/errors.ts';
import { randomBytes } from '../crypto/primitives.ts';
import { AwsError } from '../errors/aws-error.ts';
import { openTestStore, testStoreEngines } from '../testing/test-stores.ts';
import { accessKeySecretAad, IdentityRepository } from './identity-repository.ts';
import { ACCESS_KEY_ID_PATTERN, USER_ID_PATTERN } from './ids.ts';

const ACCOUNT = '123456789012';

function awsError(code: string, status: number, message?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AwsError, `expected AwsError, got ${error}`);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    if (message) assert.match(error.message, message);
    return true;
  };
}

for (const engine of testStoreEngines()) {
  describe(`IdentityRepository [${engine.engine}]`, { skip: engine.skip }, () => {
    async function setup() {
      const opened = await openTestStore(engine);
      const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
      return { ...opened, barrier, repo: new IdentityRepository(opened.store, barrier) };
    }

    it('creates accounts idempotently', async () => {
      const { repo, close } = await setup();
      try {
        assert.equal(await repo.hasAccounts(), false);
        assert.equal(await repo.ensureAccount(ACCOUNT), true);
        assert.equal(await repo.ensureAccount(ACCOUNT), false);
        assert.equal(await repo.hasAccounts(), true);
        await assert.rejects(repo.ensureAccount('12'), /12 digits/);
      } finally {
        await close();
      }
    });

    it('creates users with AWS-shaped ids and ARNs; names are unique regardless of case', async () => {
      const { repo, close } = await setup();
      try {
        await repo.ensureAccount(ACCOUNT);
        const admin = await repo.createUser(ACCOUNT, 'admin');
        assert.match(admin.userId, USER_ID_PATTERN);
        assert.equal(admin.arn, `arn:aws:iam::${ACCOUNT}:user/admin`);
        assert.equal(admin.path, '/');
        const dev = await repo.createUser(ACCOUNT, 'dev', '/engineering/team/');
        assert.equal(dev.arn, `arn:aws:iam::${ACCOUNT}:user/engineering/team/dev`);
        await assert.rejects(repo.createUser(ACCOUNT, 'admin'), awsError('EntityAlreadyExists', 409, /^User with name admin already exists\.$/));
        await assert.rejects(repo.createUser(ACCOUNT, 'ADMIN'), awsError('EntityAlreadyExists', 409));
        assert.equal((await repo.getUser(ACCOUNT, 'Admin'))?.userName, 'admin');
        assert.equal(await repo.getUser('999999999999', 'admin'), undefined);
      } finally {
        await close();
      }
    });

    it('creates access keys whose secret is sealed and found again', async () => {
      const { repo, store, close } = await setup();
      try {
        await repo.ensureAccount(ACCOUNT);
        const user = await repo.createUser(ACCOUNT, 'admin');
        const key = await repo.createAccessKey(ACCOUNT, 'admin');
        assert.match(key.accessKeyId, ACCESS_KEY_ID_PATTERN);
        assert.match(key.secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
        assert.equal(key.status, 'Active');

        const row = await store.db.selectFrom('access_keys').selectAll().where('access_key_id', '=', key.accessKeyId).executeTakeFirstOrThrow();
        assert.ok(!row.secret_sealed.includes(Buffer.from(key.secretAccessKey)), 'stored sealed');

        assert.deepEqual(await repo.findAccessKey(key.accessKeyId), {
          accessKeyId: key.accessKeyId,
          accountId: ACCOUNT,
          userName: 'admin',
          userId: user.userId,
          arn: user.arn,
          status: 'Active',
          secretAccessKey: key.secretAccessKey,
        });
        assert.equal(await repo.findAccessKey('AKIAAAAAAAAAAAAAAAAA'), undefined);
        assert.equal(await repo.findAccessKey('not-a-key'), undefined);
      } finally {
        await close();
      }
    });

    it('refuses keys for unknown users and beyond two keys per user, even when created concurrently', async () => {
      const { repo, close } = await setup();
      try {
        await repo.ensureAccount(ACCOUNT);
        await assert.rejects(repo.createAccessKey(ACCOUNT, 'ghost'), awsError('NoSuchEntity', 404, /^The user with name ghost cannot be found\.$/));
        await repo.createUser(ACCOUNT, 'busy');
        const results = await Promise.allSettled(Array.from({ length: 5 }, () => repo.createAccessKey(ACCOUNT, 'busy')));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
        for (const r of results.filter((r) => r.status === 'rejected')) {
          awsError('LimitExceeded', 409, /^Cannot exceed quota for AccessKeysPerUser: 2$/)((r as PromiseRejectedResult).reason);
        }
      } finally {
        await close();
      }
    });

    it('serves findAccessKey from memory; invalidate() goes back to the database', async () => {
      const { repo, store, close } = await setup();
      await repo.ensureAccount(ACCOUNT);
      await repo.createUser(ACCOUNT, 'admin');
      const key = await repo.createAccessKey(ACCOUNT, 'admin');
      await repo.findAccessKey(key.accessKeyId);
      await store.close(); // any further database read now fails
      try {
        for (let i = 0; i < 100; i++) assert.equal((await repo.findAccessKey(key.accessKeyId))?.secretAccessKey, key.secretAccessKey);
        repo.invalidate(key.accessKeyId);
        await assert.rejects(repo.findAccessKey(key.accessKeyId));
      } finally {
        await close();
      }
    });

    it('a status change is visible after invalidateAfterCommit', async () => {
      const { repo, store, close } = await setup();
      try {
        await repo.ensureAccount(ACCOUNT);
        await repo.createUser(ACCOUNT, 'admin');
        const { accessKeyId } = await repo.createAccessKey(ACCOUNT, 'admin');
        assert.equal((await repo.findAccessKey(accessKeyId))?.status, 'Active');
        await store.transaction(async (trx) => {
          await trx.updateTable('access_keys').set({ status: 'Inactive' }).where('access_key_id', '=', accessKeyId).execute();
          repo.invalidateAfterCommit(accessKeyId);
          assert.equal((await repo.findAccessKey(accessKeyId))?.status, 'Inactive', 'inside the transaction, reads see its writes');
        });
        assert.equal((await repo.findAccessKey(accessKeyId))?.status, 'Inactive');
      } finally {
        await close();
      }
    });

    it('composes into a caller transaction: a rollback undoes user and key', async () => {
      const { repo, store, close } = await setup();
      try {
        await repo.ensureAccount(ACCOUNT);
        let created = '';
        await assert.rejects(
          store.transaction(async () => {
            await repo.createUser(ACCOUNT, 'temp');
            created = (await repo.createAccessKey(ACCOUNT, 'temp')).accessKeyId;
            assert.ok(await repo.findAccessKey(created));
            throw new Error('abort');
          }),
          /abort/,
        );
        assert.equal(await repo.getUser(ACCOUNT, 'temp'), undefined);
        assert.equal(await repo.findAccessKey(created), undefined, 'nothing uncommitted was cached');
      } finally {
        await close();
      }
    });

    it('a sealed secret moved to another key row does not open', async () => {
      const { repo, store, close } = await setup();
      try {
        await repo.ensureAccount(ACCOUNT);
        await repo.createUser(ACCOUNT, 'a');
        await repo.createUser(ACCOUNT, 'b');
        const ka = await repo.createAccessKey(ACCOUNT, 'a');
        const kb = await repo.createAccessKey(ACCOUNT, 'b');
        const sealedA = (await store.db.selectFrom('access_keys').select('secret_sealed').where('access_key_id', '=', ka.accessKeyId).executeTakeFirstOrThrow()).secret_sealed;
        await store.db.updateTable('access_keys').set({ secret_sealed: sealedA }).where('access_key_id', '=', kb.accessKeyId).execute();
        await assert.rejects(repo.findAccessKey(kb.accessKeyId), (error: unknown) => {
          assert.ok(error instanceof BarrierError);
          assert.equal(error.reason, 'authentication-failed');
          assert.equal(error.aad, accessKeySecretAad(kb.accessKeyId));
          return true;
        });
      } finally {
        await close();
      }
    });
  });
}
