/**
 * The shared decrypt test vectors (messages written by the .NET, Dafny, C,
 * Python, Java and JS implementations): every vector decrypts to the expected
 * plaintext or fails where it must. Read from <repo>/../shared/esdk-vectors;
 * skipped with a message when that folder is absent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildClient } from '../src/client.ts';
import { EncryptionSdkError, CommitmentMismatchError } from '../src/errors.ts';
import { deriveKeys } from '../src/crypto/key-derivation.ts';
import { suiteById } from '../src/suites.ts';
import { parseHeader } from '../src/format/header.ts';
import { VECTORS_DIR, VECTORS_SKIP } from './support/paths.ts';
import { StaticDataKeyKeyring } from './support/static-keyring.ts';
import { fromDescription, fromMasterKeys, loadKeys, type KeyDescription } from './support/vector-keyrings.ts';

// Legacy (non-committing) suites are in the vectors, so decrypt must allow them.
const client = buildClient({ commitmentPolicy: 'REQUIRE_ENCRYPT_ALLOW_DECRYPT' });

function readUri(dir: string, uri: string): Buffer {
  assert.ok(uri.startsWith('file://'), uri);
  return readFileSync(path.join(dir, uri.slice('file://'.length)));
}

function manifest(set: string): { dir: string; tests: Record<string, any> } {
  const dir = path.join(VECTORS_DIR, set);
  return { dir, tests: JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).tests };
}

describe('decrypt vectors', { skip: VECTORS_SKIP }, () => {
  for (const set of ['net-v4.0.1', 'net-v4.0.0-valid']) {
    it(`${set}: every vector decrypts to the expected plaintext`, async () => {
      const { dir, tests } = manifest(set);
      const keys = loadKeys(dir);
      const ids = Object.keys(tests);
      assert.ok(ids.length > 0);
      for (const id of ids) {
        const test = tests[id];
        const keyring = fromMasterKeys(keys, test['master-keys']);
        const { plaintext } = await client.decrypt(keyring, readUri(dir, test.ciphertext), { encryptionContext: test['encryption-context'] });
        assert.ok(plaintext.equals(readUri(dir, test.result.output.plaintext)), id);
      }
    });
  }

  it('net-v4.0.0-invalid: every vector fails (ESDK-.NET 4.0.0 wrote them with its HKDF / header-AAD bugs)', async () => {
    const { dir, tests } = manifest('net-v4.0.0-invalid');
    const keys = loadKeys(dir);
    const ids = Object.keys(tests);
    assert.equal(ids.length, 28);
    for (const id of ids) {
      const test = tests[id];
      await assert.rejects(
        client.decrypt(fromMasterKeys(keys, test['master-keys']), readUri(dir, test.ciphertext), { encryptionContext: test['encryption-context'] }),
        (error: unknown) => error instanceof EncryptionSdkError,
        id,
      );
    }
  });

  it('dafny-4.1.0: every vector decrypts (raw AES, raw RSA incl. PKCS#1 v1.5, multi-keyrings, Required-EC CMM)', async () => {
    const { dir, tests } = manifest('dafny-4.1.0');
    const keys = loadKeys(dir);
    const ids = Object.keys(tests);
    assert.equal(ids.length, 187);
    let pkcs1 = 0;
    for (const id of ids) {
      const scenario = tests[id]['decryption-scenario'];
      assert.equal(scenario.type, 'positive-esdk');
      const description: KeyDescription = scenario.decryptKeyDescription;
      if (description['padding-algorithm'] === 'pkcs1') pkcs1++;
      const { plaintext, messageHeader } = await client.decrypt(fromDescription(keys, description), readUri(dir, scenario.ciphertext), {
        encryptionContext: scenario['reproduced-encryption-context'],
      });
      assert.equal(messageHeader.suiteId, parseInt(scenario.algorithmSuiteId, 16), id);
      assert.ok(plaintext.equals(readUri(dir, scenario.result)), id);
    }
    assert.equal(pkcs1, 11);
  });

  it('python-commitment: positive vectors decrypt, the others fail on the commitment', async () => {
    const vectors = JSON.parse(readFileSync(path.join(VECTORS_DIR, 'python-commitment', 'commitment-test-vectors.json'), 'utf8')).tests;
    assert.equal(vectors.length, 46);
    let positive = 0;
    for (const [index, vector] of vectors.entries()) {
      const keyring = new StaticDataKeyKeyring(Buffer.from(vector['decrypted-dek'], 'base64'));
      const ciphertext = Buffer.from(vector.ciphertext, 'base64');
      // The key derivation on its own matches the published commit key and content key.
      const parsed = parseHeader(ciphertext)!;
      const derived = deriveKeys(suiteById(parsed.header.suiteId)!, Buffer.from(vector['decrypted-dek'], 'base64'), parsed.header.messageId);
      if (vector.status) {
        positive++;
        if (vector['content-encryption-key']) assert.equal(derived.dataKey.toString('base64'), vector['content-encryption-key'], `case ${index}`);
        assert.equal(derived.commitKey!.toString('base64'), vector.commitment, `case ${index}`);
        const { plaintext, messageHeader } = await client.decrypt(keyring, ciphertext);
        assert.equal(plaintext.toString('utf8'), vector['plaintext-frames'].join(''), `case ${index}`);
        assert.deepEqual({ ...messageHeader.encryptionContext }, typeof vector['encryption-context'] === 'string' ? JSON.parse(vector['encryption-context']) : vector['encryption-context']);
      } else {
        assert.match(vector.exception, /commitment/i);
        await assert.rejects(client.decrypt(keyring, ciphertext), CommitmentMismatchError, `case ${index}`);
      }
    }
    assert.equal(positive, 41);
  });

  it('python-decrypt-oracle: the null and test_counting vectors decrypt (the aws-kms ones need AWS KMS)', async () => {
    const vectors = JSON.parse(readFileSync(path.join(VECTORS_DIR, 'python-decrypt-oracle', 'decrypt_vectors.json'), 'utf8'));
    let checked = 0;
    for (const vector of vectors) {
      const suite = suiteById(parseInt(vector['algorithm-suite'], 16))!;
      let dataKey: Buffer;
      if (vector['key-type'] === 'null') dataKey = Buffer.alloc(suite.keyBytes);
      else if (vector['key-type'] === 'test_counting') dataKey = Buffer.from(Array.from({ length: suite.keyBytes }, (_, i) => i + 1));
      else continue;
      const { plaintext, messageHeader } = await client.decrypt(new StaticDataKeyKeyring(dataKey), Buffer.from(vector.ciphertext, 'base64'));
      assert.ok(plaintext.equals(Buffer.from(vector.plaintext, 'base64')));
      assert.equal(messageHeader.encryptionContext.key1, 'val1');
      checked++;
    }
    assert.equal(checked, 18);
  });
});
