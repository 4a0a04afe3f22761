import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { getMeta } from '../../storage/meta.ts';
import { openStore } from '../../storage/store.ts';
import { testStoreEngines, type TestStoreEngine } from '../../testing/test-stores.ts';
import { randomBytes } from '../primitives.ts';
import { CANARY_META_KEY, ROOT_KEY_ENV, ROOT_KEY_FILE, ROOT_PASSPHRASE_ENV, RootKeyError, SCRYPT_META_KEY } from '../root-key.ts';
import { RootKeyMismatchError } from './errors.ts';
import { openBarrier } from './open-barrier.ts';

async function withStore<T>(engine: TestStoreEngine, fn: (ctx: { dataDir: string; reopen: () => Promise<Awaited<ReturnType<typeof openStore>>> }) => Promise<T>) {
  const target = await engine.create();
  const opened: Array<{ close(): Promise<void> }> = [];
  try {
    return await fn({
      dataDir: target.dataDir,
      reopen: async () => {
        const store = await openStore(target);
        opened.push(store);
        return store;
      },
    });
  } finally {
    for (const store of opened) await store.close();
    await target.cleanup();
  }
}

for (const engine of testStoreEngines()) {
  describe(`openBarrier [${engine.engine}]`, { skip: engine.skip }, () => {
    it('first start generates <dataDir>/root.key (0600, dir 0700) and a canary; later starts reuse both', async () => {
      await withStore(engine, async ({ dataDir, reopen }) => {
        const store = await reopen();
        const first = await openBarrier({ store, dataDir, env: {} });
        assert.equal(first.canaryCreated, true);
        assert.deepEqual({ source: first.rootKey.source, created: first.rootKey.created }, { source: 'file', created: true });
        assert.equal(first.rootKey.origin, path.join(dataDir, ROOT_KEY_FILE));
        assert.equal(fs.statSync(first.rootKey.origin).mode & 0o777, 0o600);
        assert.equal(fs.statSync(dataDir).mode & 0o777, 0o700);
        assert.equal(Buffer.from(fs.readFileSync(first.rootKey.origin, 'utf8').trim(), 'base64').length, 32);
        assert.ok('key' in first.rootKey === false, 'the key itself is not handed out');
        const sealed = first.barrier.seal(Buffer.from('kept'), 't/1/c');

        const second = await openBarrier({ store: await reopen(), dataDir, env: {} });
        assert.equal(second.canaryCreated, false);
        assert.equal(second.rootKey.created, false);
        assert.equal(second.barrier.open(sealed, 't/1/c').toString(), 'kept');
      });
    });

    it('a wrong root key fails at start with a clear message', async () => {
      await withStore(engine, async ({ dataDir, reopen }) => {
        await openBarrier({ store: await reopen(), dataDir, env: {} });
        const wrong = { [ROOT_KEY_ENV]: randomBytes(32).toString('base64') };
        await assert.rejects(openBarrier({ store: await reopen(), dataDir, env: wrong }), (error: Error) => {
          assert.ok(error instanceof RootKeyMismatchError);
          assert.match(error.message, /^the root key does not match this data store/);
          assert.match(error.message, /STRONGROOM_ROOT_KEY/);
          assert.match(error.message, /initialised with a root key from a root\.key file/);
          return true;
        });
      });
    });

    it('a deleted root.key is not silently regenerated for an initialised store', async () => {
      await withStore(engine, async ({ dataDir, reopen }) => {
        const { rootKey } = await openBarrier({ store: await reopen(), dataDir, env: {} });
        fs.rmSync(rootKey.origin);
        await assert.rejects(openBarrier({ store: await reopen(), dataDir, env: {} }), (error: Error) => {
          assert.ok(error instanceof RootKeyError);
          assert.match(error.message, /root\.key does not exist, but this data store was initialised/);
          return true;
        });
        assert.equal(fs.existsSync(rootKey.origin), false);
      });
    });

    it('STRONGROOM_ROOT_KEY is used instead of a file, and works across restarts', async () => {
      await withStore(engine, async ({ dataDir, reopen }) => {
        const env = { [ROOT_KEY_ENV]: randomBytes(32).toString('base64') };
        const first = await openBarrier({ store: await reopen(), dataDir, env });
        assert.equal(first.rootKey.source, 'env');
        assert.equal(fs.existsSync(path.join(dataDir, ROOT_KEY_FILE)), false);
        const again = await openBarrier({ store: await reopen(), dataDir, env });
        assert.equal(again.canaryCreated, false);
        // Now the file source must not quietly create a new key either.
        await assert.rejects(openBarrier({ store: await reopen(), dataDir, env: {} }), RootKeyError);
      });
    });

    it('a passphrase derives the key with a salt kept in the store; another passphrase is refused', async () => {
      await withStore(engine, async ({ dataDir, reopen }) => {
        const store = await reopen();
        const first = await openBarrier({ store, dataDir, env: { [ROOT_PASSPHRASE_ENV]: 'correct horse battery staple' } });
        assert.equal(first.rootKey.source, 'passphrase');
        const scrypt = JSON.parse((await getMeta(store.db, SCRYPT_META_KEY))!);
        assert.deepEqual({ N: scrypt.N, r: scrypt.r, p: scrypt.p }, { N: 32768, r: 8, p: 1 });
        assert.equal(Buffer.from(scrypt.salt, 'base64').length, 16);
        assert.ok(await getMeta(store.db, CANARY_META_KEY));

        const again = await openBarrier({ store: await reopen(), dataDir, env: { [ROOT_PASSPHRASE_ENV]: 'correct horse battery staple' } });
        assert.equal(again.canaryCreated, false);
        await assert.rejects(
          openBarrier({ store: await reopen(), dataDir, env: { [ROOT_PASSPHRASE_ENV]: 'Correct horse battery staple' } }),
          /the root key does not match this data store.*initialised with a root key from a passphrase/s,
        );
      });
    });

    it('concurrent first starts agree on one canary', async () => {
      await withStore(engine, async ({ dataDir, reopen }) => {
        const env = { [ROOT_KEY_ENV]: randomBytes(32).toString('base64') };
        const stores = await Promise.all([reopen(), reopen(), reopen()]);
        const results = await Promise.all(stores.map((store) => openBarrier({ store, dataDir, env })));
        assert.equal(results.filter((r) => r.canaryCreated).length, 1);
      });
    });
  });
}
