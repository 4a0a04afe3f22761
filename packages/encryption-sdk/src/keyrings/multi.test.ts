import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MultiKeyring } from './multi.ts';
import { RawAesKeyring } from './raw-aes.ts';
import { suiteById } from '../suites.ts';
import type { Keyring } from '../materials.ts';
import { InvalidArgumentError, KeyringError, NoKeyringCouldDecryptError } from '../errors.ts';

const suite = suiteById(0x0478)!;
const aes = (name: string) => new RawAesKeyring({ keyNamespace: 'ns', keyName: name, wrappingKey: randomBytes(32) });

describe('multi-keyring', () => {
  it('the generator creates the data key, every child wraps it, any member decrypts', async () => {
    const [g, c1, c2] = [aes('g'), aes('c1'), aes('c2')];
    const multi = new MultiKeyring({ generator: g, children: [c1, c2] });
    const materials = await multi.onEncrypt({ suite, encryptionContext: {}, encryptedDataKeys: [] });
    // raw AES provider info = key name ‖ 8 bytes ‖ 12-byte IV
    assert.deepEqual(
      materials.encryptedDataKeys.map((e) => Buffer.from(e.providerInfo).subarray(0, e.providerInfo.length - 20).toString()),
      ['g', 'c1', 'c2'],
    );
    for (const member of [g, c1, c2]) {
      const back = await member.onDecrypt({ suite, encryptionContext: {} }, materials.encryptedDataKeys);
      assert.ok(Buffer.from(back.plaintextDataKey!).equals(Buffer.from(materials.plaintextDataKey!)));
    }
    const onlyChild = new MultiKeyring({ children: [aes('unrelated'), c2] });
    const back = await onlyChild.onDecrypt({ suite, encryptionContext: {} }, materials.encryptedDataKeys);
    assert.ok(Buffer.from(back.plaintextDataKey!).equals(Buffer.from(materials.plaintextDataKey!)));
  });

  it('collects member errors when no member could decrypt', async () => {
    const failing: Keyring = {
      onEncrypt: async () => {
        throw new Error('no');
      },
      onDecrypt: async () => {
        throw new Error('unreachable key service');
      },
    };
    const multi = new MultiKeyring({ children: [failing, aes('x')] });
    await assert.rejects(multi.onDecrypt({ suite, encryptionContext: {} }, [{ providerId: 'ns', providerInfo: Buffer.from('y'), ciphertext: Buffer.alloc(48) }]), NoKeyringCouldDecryptError);
    const quiet = new MultiKeyring({ children: [aes('x')] });
    assert.equal((await quiet.onDecrypt({ suite, encryptionContext: {} }, [])).plaintextDataKey, undefined);
  });

  it('enforces the generator rules', async () => {
    assert.throws(() => new MultiKeyring({}), InvalidArgumentError);
    await assert.rejects(new MultiKeyring({ children: [aes('c')] }).onEncrypt({ suite, encryptionContext: {}, encryptedDataKeys: [] }), KeyringError);
    await assert.rejects(new MultiKeyring({ generator: aes('g') }).onEncrypt({ suite, encryptionContext: {}, encryptedDataKeys: [], plaintextDataKey: randomBytes(32) }), KeyringError);
  });
});
