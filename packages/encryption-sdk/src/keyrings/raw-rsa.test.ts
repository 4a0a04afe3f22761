import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RawRsaKeyring, RSA_PADDINGS } from './raw-rsa.ts';
import { suiteById } from '../suites.ts';
import { InvalidArgumentError, KeyringError } from '../errors.ts';

const suite = suiteById(0x0578)!;
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
let dir: string;

/** The openssl command line, as the independent implementation. */
function openssl(args: string[], input: Buffer): Buffer {
  const inFile = path.join(dir, 'in.bin');
  writeFileSync(inFile, input);
  return execFileSync('openssl', ['pkeyutl', '-inkey', path.join(dir, 'key.pem'), '-in', inFile, ...args]);
}

function opensslPadding(padding: string): string[] {
  if (padding === 'pkcs1') return ['-pkeyopt', 'rsa_padding_mode:pkcs1'];
  const hash = padding.slice(5);
  return ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${hash}`, '-pkeyopt', `rsa_mgf1_md:${hash}`];
}

describe('raw RSA keyring', () => {
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'esdk-rsa-'));
    writeFileSync(path.join(dir, 'key.pem'), privateKey);
    writeFileSync(path.join(dir, 'pub.pem'), publicKey);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const padding of RSA_PADDINGS) {
    it(`${padding}: openssl unwraps our EDK, we unwrap openssl's`, async () => {
      const keyring = new RawRsaKeyring({ keyNamespace: 'ns', keyName: 'rsa-key', publicKey, privateKey, padding });
      const materials = await keyring.onEncrypt({ suite, encryptionContext: {}, encryptedDataKeys: [] });
      const [edk] = materials.encryptedDataKeys;
      assert.equal(edk.providerId, 'ns');
      assert.equal(Buffer.from(edk.providerInfo).toString(), 'rsa-key');
      assert.equal(edk.ciphertext.length, 256);
      const unwrapped = openssl(['-decrypt', ...opensslPadding(padding)], Buffer.from(edk.ciphertext));
      assert.ok(unwrapped.equals(Buffer.from(materials.plaintextDataKey!)));

      const pdk = randomBytes(32);
      const wrapped = execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', path.join(dir, 'pub.pem'), ...opensslPadding(padding)], { input: pdk });
      const back = await keyring.onDecrypt({ suite, encryptionContext: {} }, [{ providerId: 'ns', providerInfo: Buffer.from('rsa-key'), ciphertext: wrapped }]);
      assert.ok(Buffer.from(back.plaintextDataKey!).equals(pdk));
    });
  }

  it('PKCS#1 v1.5: a malformed or wrong-length block yields a key that is not the data key (implicit rejection), not an error', async () => {
    const keyring = new RawRsaKeyring({ keyNamespace: 'ns', keyName: 'k', privateKey, padding: 'pkcs1' });
    // 16 bytes wrapped where the suite needs 32
    const short = execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', path.join(dir, 'pub.pem'), '-pkeyopt', 'rsa_padding_mode:pkcs1'], { input: randomBytes(16) });
    const junk = randomBytes(256);
    junk[0] = 0;
    for (const ciphertext of [short, junk]) {
      const edk = { providerId: 'ns', providerInfo: Buffer.from('k'), ciphertext };
      const first = await keyring.onDecrypt({ suite, encryptionContext: {} }, [edk]);
      const second = await keyring.onDecrypt({ suite, encryptionContext: {} }, [edk]);
      assert.equal(first.plaintextDataKey!.length, 32);
      assert.ok(Buffer.from(first.plaintextDataKey!).equals(Buffer.from(second.plaintextDataKey!)), 'deterministic');
    }
  });

  it('needs the right key for each direction and never derives the public key', async () => {
    const decryptOnly = new RawRsaKeyring({ keyNamespace: 'ns', keyName: 'k', privateKey, padding: 'oaep-sha256' });
    await assert.rejects(decryptOnly.onEncrypt({ suite, encryptionContext: {}, encryptedDataKeys: [] }), KeyringError);
    const encryptOnly = new RawRsaKeyring({ keyNamespace: 'ns', keyName: 'k', publicKey, padding: 'oaep-sha256' });
    const materials = await encryptOnly.onEncrypt({ suite, encryptionContext: {}, encryptedDataKeys: [] });
    assert.equal((await encryptOnly.onDecrypt({ suite, encryptionContext: {} }, materials.encryptedDataKeys)).plaintextDataKey, undefined);
    assert.throws(() => new RawRsaKeyring({ keyNamespace: 'ns', keyName: 'k', publicKey, padding: 'oaep-md5' as never }), InvalidArgumentError);
    assert.throws(() => new RawRsaKeyring({ keyNamespace: 'ns', keyName: 'k', publicKey: 'not a key', padding: 'pkcs1' }), InvalidArgumentError);
    assert.throws(() => new RawRsaKeyring({ keyNamespace: 'ns', keyName: 'k', padding: 'pkcs1' }), InvalidArgumentError);
  });
});
