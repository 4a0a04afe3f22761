/**
 * The caching CMM over a real raw AES keyring wrapped in a counter (every
 * onEncrypt/onDecrypt of the real keyring is counted). Messages are real:
 * encrypted and decrypted with the SDK's one-shot and streaming APIs.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildClient } from '../client.ts';
import { DefaultCryptographicMaterialsManager } from '../cmm/default-cmm.ts';
import { suiteById } from '../suites.ts';
import { RawAesKeyring } from '../keyrings/raw-aes.ts';
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../materials.ts';
import { CachingCryptographicMaterialsManager, DEFAULT_MAX_BYTES_ENCRYPTED, DEFAULT_MAX_MESSAGES_ENCRYPTED } from './caching-cmm.ts';
import { LocalCryptographicMaterialsCache } from './local-cache.ts';

class CountingKeyring implements Keyring {
  encrypts = 0;
  decrypts = 0;
  constructor(readonly inner: Keyring) {}
  onEncrypt(materials: EncryptionMaterials) {
    this.encrypts += 1;
    return this.inner.onEncrypt(materials);
  }
  onDecrypt(materials: DecryptionMaterials, edks: readonly EncryptedDataKey[]) {
    this.decrypts += 1;
    return this.inner.onDecrypt(materials, edks);
  }
}

const wrappingKey = randomBytes(32);
const counting = () => new CountingKeyring(new RawAesKeyring({ keyNamespace: 'cache-test', keyName: 'key-1', wrappingKey }));
const client = buildClient();

function firstEdkCiphertext(header: { encryptedDataKeys: readonly EncryptedDataKey[] }): string {
  return Buffer.from(header.encryptedDataKeys[0].ciphertext).toString('hex');
}

describe('caching CMM', () => {
  it('defaults: 2^32 messages, 2^53 − 1 bytes, a UUID partition', () => {
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: counting(), maxAge: 60_000 });
    assert.equal(cmm.maxMessagesEncrypted, DEFAULT_MAX_MESSAGES_ENCRYPTED);
    assert.equal(cmm.maxMessagesEncrypted, 2 ** 32);
    assert.equal(cmm.maxBytesEncrypted, DEFAULT_MAX_BYTES_ENCRYPTED);
    assert.match(cmm.partition, /^[0-9a-f-]{36}$/);
  });

  it('reuses one data key within the limits: N messages, one keyring call', async () => {
    const keyring = counting();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000 });
    const keys = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { result, messageHeader } = await client.encrypt(cmm, `message ${i}`, { encryptionContext: { app: 'test' } });
      keys.add(firstEdkCiphertext(messageHeader));
      // Each message decrypts with the plain keyring: caching changes nothing in the format.
      assert.equal((await client.decrypt(keyring.inner, result)).plaintext.toString(), `message ${i}`);
    }
    assert.equal(keyring.encrypts, 1);
    assert.equal(keys.size, 1);
    assert.deepEqual({ ...cmm.stats(), entries: undefined }, { hits: 49, misses: 1, bypasses: 0, backingCalls: 1, usedUp: 0, entries: undefined, capacity: 1000, evictions: 0, expirations: 0 });
  });

  it('maxMessagesEncrypted: exactly that many messages per data key', async () => {
    const keyring = counting();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000, maxMessagesEncrypted: 3 });
    const keys: string[] = [];
    for (let i = 0; i < 7; i++) keys.push(firstEdkCiphertext((await client.encrypt(cmm, 'x')).messageHeader));
    assert.deepEqual(keys.map((k) => String.fromCharCode(65 + [...new Set(keys)].indexOf(k))).join(''), 'AAABBBC');
    assert.equal(keyring.encrypts, 3);
    assert.equal(cmm.stats().usedUp, 2);
  });

  it('maxBytesEncrypted: counts plaintext bytes; a message larger than the limit bypasses the cache', async () => {
    const keyring = counting();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000, maxBytesEncrypted: 100 });
    const keys: string[] = [];
    for (const size of [40, 40, 20, 1]) keys.push(firstEdkCiphertext((await client.encrypt(cmm, randomBytes(size))).messageHeader));
    // 40 + 40 + 20 = 100 fits; the 4th (101 bytes in total) needs a new key.
    assert.equal(new Set(keys.slice(0, 3)).size, 1);
    assert.notEqual(keys[3], keys[0]);
    assert.equal(keyring.encrypts, 2);
    await client.encrypt(cmm, randomBytes(101));
    assert.equal(keyring.encrypts, 3);
    assert.equal(cmm.stats().bypasses, 1);
  });

  it('maxAge: an entry is not used once it is older than maxAge (controlled clock)', async () => {
    let now = 1_000;
    const keyring = counting();
    const cache = new LocalCryptographicMaterialsCache(10, { now: () => now });
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 500, cache });
    await client.encrypt(cmm, 'a');
    now += 499;
    await client.encrypt(cmm, 'b');
    assert.equal(keyring.encrypts, 1);
    now += 1;
    await client.encrypt(cmm, 'c');
    assert.equal(keyring.encrypts, 2);
    assert.equal(cmm.stats().expirations, 1);
  });

  it('bypasses the cache for streams of unknown length and for identity-KDF suites', async () => {
    const keyring = counting();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000 });
    for (let i = 0; i < 2; i++) {
      const stream = client.encryptStream(cmm);
      stream.resume();
      const done = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
      stream.end(Buffer.from('streamed'));
      await done;
    }
    assert.equal(keyring.encrypts, 2);
    const forbid = buildClient({ commitmentPolicy: 'FORBID_ENCRYPT_ALLOW_DECRYPT' });
    for (let i = 0; i < 2; i++) await forbid.encrypt(cmm, 'identity', { suiteId: 0x0014 });
    assert.equal(keyring.encrypts, 4);
    const { result } = await forbid.encrypt(cmm, 'identity', { suiteId: 0x0014 });
    for (let i = 0; i < 2; i++) await forbid.decrypt(cmm, result);
    assert.equal(keyring.decrypts, 2);
    assert.equal(cmm.stats().bypasses, 7);
    assert.equal(cmm.stats().hits, 0);
  });

  it('entries are per encryption context and per suite', async () => {
    const keyring = counting();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000 });
    await client.encrypt(cmm, 'x', { encryptionContext: { a: '1' } });
    await client.encrypt(cmm, 'x', { encryptionContext: { a: '2' } });
    await client.encrypt(cmm, 'x', { encryptionContext: { a: '1' }, suiteId: 0x0478 });
    await client.encrypt(cmm, 'x', { encryptionContext: { a: '1' } });
    assert.equal(keyring.encrypts, 3);
  });

  it('partitions: CMMs sharing a cache share entries only within one partition', async () => {
    const cache = new LocalCryptographicMaterialsCache(10);
    const keyring = counting();
    const one = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000, cache, partition: 'shared' });
    const two = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000, cache, partition: 'shared' });
    const other = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000, cache });
    const k1 = firstEdkCiphertext((await client.encrypt(one, 'x')).messageHeader);
    const k2 = firstEdkCiphertext((await client.encrypt(two, 'x')).messageHeader);
    const k3 = firstEdkCiphertext((await client.encrypt(other, 'x')).messageHeader);
    assert.equal(k1, k2);
    assert.notEqual(k1, k3);
    assert.equal(keyring.encrypts, 2);
  });

  it('decrypt: repeated decryption of messages with the same data key costs one keyring call', async () => {
    const keyring = counting();
    const encryptCmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000 });
    const messages = [];
    for (let i = 0; i < 5; i++) messages.push((await client.encrypt(encryptCmm, `m${i}`, { encryptionContext: { a: '1' } })).result);
    const decryptCmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000 });
    for (let i = 0; i < 5; i++) assert.equal((await client.decrypt(decryptCmm, messages[i])).plaintext.toString(), `m${i}`);
    assert.equal(keyring.decrypts, 1);
    assert.equal(decryptCmm.stats().hits, 4);
  });

  it('decrypt: a cached data key does not skip the check of the caller-supplied context', async () => {
    const keyring = counting();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000 });
    const { result } = await client.encrypt(keyring.inner, 'x', { encryptionContext: { tenant: 'a' } });
    await client.decrypt(cmm, result, { encryptionContext: { tenant: 'a' } });
    await assert.rejects(client.decrypt(cmm, result, { encryptionContext: { tenant: 'b' } }), { code: 'EncryptionContextMismatch' });
  });

  it('concurrent misses for one entry share a single keyring call', async () => {
    const keyring = counting();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 60_000 });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.encrypt(cmm, `parallel ${i}`)));
    assert.equal(keyring.encrypts, 1);
    assert.equal(new Set(results.map((r) => firstEdkCiphertext(r.messageHeader))).size, 1);
    assert.equal(cmm.stats().misses, 1);
    assert.equal(cmm.stats().hits, 99);
  });

  it('a failing keyring call is not cached', async () => {
    let fail = true;
    const inner = new RawAesKeyring({ keyNamespace: 'cache-test', keyName: 'key-1', wrappingKey });
    const flaky: Keyring = {
      onEncrypt: (m) => (fail ? Promise.reject(new Error('KMS throttled')) : inner.onEncrypt(m)),
      onDecrypt: (m, e) => inner.onDecrypt(m, e),
    };
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: flaky, maxAge: 60_000 });
    await assert.rejects(client.encrypt(cmm, 'x'), /KMS throttled/);
    fail = false;
    await client.encrypt(cmm, 'x');
    assert.equal(cmm.stats().backingCalls, 2);
  });

  it('a keyring or a CMM as backing materials; bad options are refused', () => {
    assert.throws(() => new CachingCryptographicMaterialsManager({ backingMaterials: counting(), maxAge: 0 }), /maxAge/);
    assert.throws(() => new CachingCryptographicMaterialsManager({ backingMaterials: counting(), maxAge: 1, maxMessagesEncrypted: 2 ** 32 + 1 }), /maxMessagesEncrypted/);
    assert.throws(() => new CachingCryptographicMaterialsManager({ backingMaterials: counting(), maxAge: 1, maxBytesEncrypted: 0 }), /maxBytesEncrypted/);
    assert.throws(() => new CachingCryptographicMaterialsManager({ backingMaterials: {} as Keyring, maxAge: 1 }), /keyring or a cryptographic materials manager/);
    const inner = new CachingCryptographicMaterialsManager({ backingMaterials: counting(), maxAge: 1 });
    assert.ok(new CachingCryptographicMaterialsManager({ backingMaterials: inner, maxAge: 1 }));
  });
});

describe('caching CMM, suites chosen by the underlying CMM', () => {
  it('never caches identity-KDF materials even when the request named no suite', async () => {
    const keyring = counting();
    const forbid = buildClient({ commitmentPolicy: 'FORBID_ENCRYPT_ALLOW_DECRYPT' });
    // A CMM that always picks 0x0014 (identity KDF) for requests without a suite.
    const inner = new DefaultCryptographicMaterialsManager(keyring);
    const picky = {
      getEncryptionMaterials: (request: Parameters<typeof inner.getEncryptionMaterials>[0]) => inner.getEncryptionMaterials({ ...request, suite: request.suite ?? suiteById(0x0014) }),
      decryptMaterials: (request: Parameters<typeof inner.decryptMaterials>[0]) => inner.decryptMaterials(request),
    };
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: picky, maxAge: 60_000 });
    for (let i = 0; i < 3; i++) assert.equal((await forbid.encrypt(cmm, 'x')).messageHeader.suiteId, 0x0014);
    assert.equal(keyring.encrypts, 3);
    assert.equal(cmm.stats().entries, 0);
  });
});
