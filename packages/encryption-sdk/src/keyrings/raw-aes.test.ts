import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, randomBytes } from 'node:crypto';
import { RawAesKeyring } from './raw-aes.ts';
import { suiteById } from '../suites.ts';
import { serializeEncryptionContext } from '../format/encryption-context.ts';
import { InvalidArgumentError, KeyringError } from '../errors.ts';

const suite = suiteById(0x0478)!;

describe('raw AES keyring', () => {
  for (const bytes of [16, 24, 32]) {
    it(`AES-${bytes * 8}: EDK = namespace / name ‖ 128 ‖ 12 ‖ IV / wrapped key ‖ tag, AAD = serialized context`, async () => {
      const wrappingKey = randomBytes(bytes);
      const keyring = new RawAesKeyring({ keyNamespace: 'my-ns', keyName: 'my-key', wrappingKey });
      const encryptionContext = { b: '2', a: '1' };
      const materials = await keyring.onEncrypt({ suite, encryptionContext, encryptedDataKeys: [] });
      const [edk] = materials.encryptedDataKeys;
      assert.equal(edk.providerId, 'my-ns');
      const info = Buffer.from(edk.providerInfo);
      assert.equal(info.subarray(0, 6).toString(), 'my-key');
      assert.equal(info.readUInt32BE(6), 128);
      assert.equal(info.readUInt32BE(10), 12);
      assert.equal(info.length, 6 + 8 + 12);
      assert.equal(edk.ciphertext.length, 32 + 16);
      // Independent unwrap with node:crypto.
      const decipher = createDecipheriv(`aes-${bytes * 8}-gcm` as 'aes-256-gcm', wrappingKey, info.subarray(14));
      decipher.setAAD(serializeEncryptionContext(encryptionContext));
      decipher.setAuthTag(Buffer.from(edk.ciphertext).subarray(32));
      const unwrapped = Buffer.concat([decipher.update(Buffer.from(edk.ciphertext).subarray(0, 32)), decipher.final()]);
      assert.ok(unwrapped.equals(Buffer.from(materials.plaintextDataKey!)));
      // Round trip; another context does not unwrap.
      const back = await keyring.onDecrypt({ suite, encryptionContext }, materials.encryptedDataKeys);
      assert.ok(Buffer.from(back.plaintextDataKey!).equals(Buffer.from(materials.plaintextDataKey!)));
      const other = await keyring.onDecrypt({ suite, encryptionContext: { a: '1' } }, materials.encryptedDataKeys);
      assert.equal(other.plaintextDataKey, undefined);
    });
  }

  it('wraps an existing data key instead of generating one, and skips EDKs that are not its own', async () => {
    const keyring = new RawAesKeyring({ keyNamespace: 'ns', keyName: 'k', wrappingKey: randomBytes(32) });
    const pdk = randomBytes(32);
    const materials = await keyring.onEncrypt({ suite, encryptionContext: {}, encryptedDataKeys: [], plaintextDataKey: pdk });
    assert.equal(materials.plaintextDataKey, pdk);
    const foreign = { providerId: 'ns', providerInfo: Buffer.from('k'), ciphertext: randomBytes(48) };
    const back = await keyring.onDecrypt({ suite, encryptionContext: {} }, [foreign, ...materials.encryptedDataKeys]);
    assert.ok(Buffer.from(back.plaintextDataKey!).equals(pdk));
    await assert.rejects(keyring.onDecrypt({ suite, encryptionContext: {}, plaintextDataKey: pdk }, materials.encryptedDataKeys), KeyringError);
  });

  it('validates its configuration', () => {
    assert.throws(() => new RawAesKeyring({ keyNamespace: 'ns', keyName: 'k', wrappingKey: randomBytes(20) }), InvalidArgumentError);
    assert.throws(() => new RawAesKeyring({ keyNamespace: 'aws-kms', keyName: 'k', wrappingKey: randomBytes(32) }), InvalidArgumentError);
    assert.throws(() => new RawAesKeyring({ keyNamespace: 'ns', keyName: '', wrappingKey: randomBytes(32) }), InvalidArgumentError);
  });
});
