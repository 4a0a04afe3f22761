import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openTestStore, testStoreEngines } from '../testing/test-stores.ts';
import { randomBytes } from './primitives.ts';
import { loadRootKey, parseRootKey, ROOT_KEY_ENV, ROOT_KEY_FILE, ROOT_PASSPHRASE_ENV, RootKeyError } from './root-key.ts';

const sqlite = testStoreEngines().find((e) => e.engine === 'sqlite')!;

describe('parseRootKey', () => {
  it('accepts base64 of exactly 32 bytes, with surrounding whitespace', () => {
    const key = randomBytes(32);
    assert.ok(parseRootKey(`  ${key.toString('base64')}\n`, 'X').equals(key));
  });

  it('rejects other lengths and non-base64 without echoing the value', () => {
    const short = randomBytes(16).toString('base64');
    assert.throws(() => parseRootKey(short, ROOT_KEY_ENV), (error: Error) => {
      assert.ok(error instanceof RootKeyError);
      assert.match(error.message, /STRONGROOM_ROOT_KEY decodes to 16 bytes; the root key must be exactly 32 bytes/);
      assert.ok(!error.message.includes(short));
      return true;
    });
    assert.throws(() => parseRootKey(randomBytes(33).toString('base64'), ROOT_KEY_ENV), /decodes to 33 bytes/);
    assert.throws(() => parseRootKey('not base64 at all!!', ROOT_KEY_ENV), /is not valid base64/);
    assert.throws(() => parseRootKey(randomBytes(32).toString('base64url'), ROOT_KEY_ENV), RootKeyError);
  });
});

describe('loadRootKey precedence', () => {
  it('env key beats passphrase beats file (with a warning when both env variables are set)', async () => {
    const { store, target, close } = await openTestStore(sqlite);
    try {
      const envKey = randomBytes(32);
      const both = await loadRootKey({ dataDir: target.dataDir, store, env: { [ROOT_KEY_ENV]: envKey.toString('base64'), [ROOT_PASSPHRASE_ENV]: 'pw' } });
      assert.equal(both.source, 'env');
      assert.ok(both.key.equals(envKey));
      assert.match(both.warnings.join('\n'), /both STRONGROOM_ROOT_KEY and STRONGROOM_ROOT_PASSPHRASE are set/);

      const pass = await loadRootKey({ dataDir: target.dataDir, store, env: { [ROOT_PASSPHRASE_ENV]: 'pw' } });
      assert.equal(pass.source, 'passphrase');
      assert.equal(pass.key.length, 32);
      const passAgain = await loadRootKey({ dataDir: target.dataDir, store, env: { [ROOT_PASSPHRASE_ENV]: 'pw' } });
      assert.ok(passAgain.key.equals(pass.key), 'same passphrase and salt, same key');

      assert.equal(fs.existsSync(path.join(target.dataDir, ROOT_KEY_FILE)), false);
      const file = await loadRootKey({ dataDir: target.dataDir, store, env: { [ROOT_KEY_ENV]: '', [ROOT_PASSPHRASE_ENV]: '' } });
      assert.equal(file.source, 'file');
      assert.equal(file.created, true);
    } finally {
      await close();
    }
  });

  it('warns about a root.key readable by others, and rejects a damaged one', async () => {
    const { store, target, close } = await openTestStore(sqlite);
    try {
      const file = path.join(target.dataDir, ROOT_KEY_FILE);
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o644 });
      fs.chmodSync(file, 0o644);
      const loaded = await loadRootKey({ dataDir: target.dataDir, store, env: {} });
      assert.match(loaded.warnings.join('\n'), /readable by other users \(mode 644\); run: chmod 600/);
      fs.writeFileSync(file, 'garbage');
      await assert.rejects(loadRootKey({ dataDir: target.dataDir, store, env: {} }), RootKeyError);
    } finally {
      await close();
    }
  });
});
