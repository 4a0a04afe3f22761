/**
 * Asymmetric KMS keys through the AWS CLI (/usr/bin/aws), checked with the
 * openssl command line: signatures from `aws kms sign` verify with
 * `openssl dgst -verify` and the `aws kms get-public-key` output, and
 * ciphertext from `openssl pkeyutl -encrypt` decrypts with `aws kms decrypt`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';

const run = promisify(execFile);

async function openssl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('openssl', args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

for (const engine of testStoreEngines()) {
  describe(`asymmetric KMS keys through the AWS CLI and openssl [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-kms-asym-cli-'));
      await writeFile(path.join(dir, 'message.txt'), 'a message signed by Strongroom\n');
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const aws = (...args: string[]) => runAwsCli(server, ['kms', ...args]);
    const ok = (...args: string[]) => awsCliJson(server, ['kms', ...args]);
    const file = (name: string) => path.join(dir, name);

    /** Writes the key's public key as pub-<name>.pem (DER from get-public-key, converted by openssl). */
    async function publicKeyPem(keyId: string, name: string): Promise<string> {
      const { PublicKey } = await ok('get-public-key', '--key-id', keyId);
      await writeFile(file(`pub-${name}.der`), Buffer.from(PublicKey, 'base64'));
      const converted = await openssl('pkey', '-pubin', '-inform', 'DER', '-in', file(`pub-${name}.der`), '-out', file(`pub-${name}.pem`));
      assert.equal(converted.code, 0, converted.stderr);
      return file(`pub-${name}.pem`);
    }

    it('an ECDSA P-256 signature from `aws kms sign` verifies with `openssl dgst -verify`, and Verify refuses a tampered one', async () => {
      const { KeyMetadata } = await ok('create-key', '--key-spec', 'ECC_NIST_P256', '--key-usage', 'SIGN_VERIFY');
      assert.deepEqual(KeyMetadata.SigningAlgorithms, ['ECDSA_SHA_256']);
      const signed = await ok('sign', '--key-id', KeyMetadata.KeyId, '--message', `fileb://${file('message.txt')}`, '--message-type', 'RAW', '--signing-algorithm', 'ECDSA_SHA_256');
      await writeFile(file('ec.sig'), Buffer.from(signed.Signature, 'base64'));
      const pem = await publicKeyPem(KeyMetadata.KeyId, 'ec');
      const verified = await openssl('dgst', '-sha256', '-verify', pem, '-signature', file('ec.sig'), file('message.txt'));
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /Verified OK/);

      const valid = await ok('verify', '--key-id', KeyMetadata.KeyId, '--message', `fileb://${file('message.txt')}`, '--signature', `fileb://${file('ec.sig')}`, '--signing-algorithm', 'ECDSA_SHA_256');
      assert.equal(valid.SignatureValid, true);
      await writeFile(file('other.txt'), 'another message\n');
      const refused = await aws('verify', '--key-id', KeyMetadata.KeyId, '--message', `fileb://${file('other.txt')}`, '--signature', `fileb://${file('ec.sig')}`, '--signing-algorithm', 'ECDSA_SHA_256');
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /KMSInvalidSignatureException/);
      const notVerified = await openssl('dgst', '-sha256', '-verify', pem, '-signature', file('ec.sig'), file('other.txt'));
      assert.notEqual(notVerified.code, 0);
    });

    it('RSA PSS and PKCS#1 v1.5 signatures of a DIGEST verify with openssl over the message', async () => {
      const { KeyMetadata } = await ok('create-key', '--key-spec', 'RSA_2048', '--key-usage', 'SIGN_VERIFY');
      const pem = await publicKeyPem(KeyMetadata.KeyId, 'rsa');
      const digest = await run('openssl', ['dgst', '-sha384', '-binary', '-out', file('message.sha384'), file('message.txt')]);
      assert.equal(digest.stderr, '');
      for (const [algorithm, options] of [
        ['RSASSA_PSS_SHA_384', ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:48']],
        ['RSASSA_PKCS1_V1_5_SHA_384', []],
      ] as const) {
        const signed = await ok('sign', '--key-id', KeyMetadata.KeyId, '--message', `fileb://${file('message.sha384')}`, '--message-type', 'DIGEST', '--signing-algorithm', algorithm);
        await writeFile(file(`${algorithm}.sig`), Buffer.from(signed.Signature, 'base64'));
        const verified = await openssl('dgst', '-sha384', ...options, '-verify', pem, '-signature', file(`${algorithm}.sig`), file('message.txt'));
        assert.equal(verified.code, 0, `${algorithm}: ${verified.stderr}`);
        assert.match(verified.stdout, /Verified OK/);
      }
    });

    it('ciphertext from `openssl pkeyutl -encrypt` with the RSA public key decrypts with `aws kms decrypt`', async () => {
      const { KeyMetadata } = await ok('create-key', '--key-spec', 'RSA_3072', '--key-usage', 'ENCRYPT_DECRYPT');
      assert.deepEqual(KeyMetadata.EncryptionAlgorithms, ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
      const pem = await publicKeyPem(KeyMetadata.KeyId, 'rsa-enc');
      await writeFile(file('secret.txt'), 'encrypted by openssl, decrypted by Strongroom');
      for (const [algorithm, md] of [
        ['RSAES_OAEP_SHA_256', 'sha256'],
        ['RSAES_OAEP_SHA_1', 'sha1'],
      ] as const) {
        const encrypted = await openssl(
          'pkeyutl', '-encrypt', '-pubin', '-inkey', pem,
          '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${md}`, '-pkeyopt', `rsa_mgf1_md:${md}`,
          '-in', file('secret.txt'), '-out', file(`secret-${md}.bin`),
        );
        assert.equal(encrypted.code, 0, encrypted.stderr);
        const decrypted = await ok('decrypt', '--key-id', KeyMetadata.KeyId, '--ciphertext-blob', `fileb://${file(`secret-${md}.bin`)}`, '--encryption-algorithm', algorithm);
        assert.equal(Buffer.from(decrypted.Plaintext, 'base64').toString(), 'encrypted by openssl, decrypted by Strongroom');
        assert.equal(decrypted.EncryptionAlgorithm, algorithm);
      }
      // Without the key id, the ciphertext names no key.
      const refused = await aws('decrypt', '--ciphertext-blob', `fileb://${file('secret-sha256.bin')}`, '--encryption-algorithm', 'RSAES_OAEP_SHA_256');
      assert.match(refused.stderr, /InvalidCiphertextException/);

      // And the other way round: `aws kms encrypt` output is plain RSAES-OAEP (checked through a CLI round trip and its size).
      const encrypted = await ok('encrypt', '--key-id', KeyMetadata.KeyId, '--plaintext', `fileb://${file('secret.txt')}`, '--encryption-algorithm', 'RSAES_OAEP_SHA_256');
      const ciphertext = Buffer.from(encrypted.CiphertextBlob, 'base64');
      assert.equal(ciphertext.length, 384);
      await writeFile(file('kms-ciphertext.bin'), ciphertext);
      const back = await ok('decrypt', '--key-id', KeyMetadata.Arn, '--ciphertext-blob', `fileb://${file('kms-ciphertext.bin')}`, '--encryption-algorithm', 'RSAES_OAEP_SHA_256');
      assert.equal(Buffer.from(back.Plaintext, 'base64').toString(), await readFile(file('secret.txt'), 'utf8'));
    });
  });
}
