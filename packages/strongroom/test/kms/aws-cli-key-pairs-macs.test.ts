/**
 * Data key pairs, HMAC and ECDH through the AWS CLI (/usr/bin/aws), each
 * result checked with the openssl command line: the data key pair with
 * `openssl pkey` and a signature `openssl dgst` makes and verifies, the
 * shared secret against `openssl pkeyutl -derive`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { awsCliEnv, awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';

const run = promisify(execFile);
/** The official KMS service model (botocore format), beside the repository as ../shared/aws-models. */
const KMS_MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/aws-models/kms/service-2.json');

async function openssl(...args: string[]): Promise<string> {
  const { stdout } = await run('openssl', args, { encoding: 'utf8' });
  return stdout;
}

for (const engine of testStoreEngines()) {
  describe(`KMS data key pairs, MACs and ECDH through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-kms-cli-a2-'));
    });
    const hasDeriveSharedSecret = async (env: NodeJS.ProcessEnv) => (await runAwsCli(server, ['kms', 'derive-shared-secret', 'help'], env)).code === 0;
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const aws = (...args: string[]) => runAwsCli(server, ['kms', ...args]);
    const ok = (...args: string[]) => awsCliJson(server, ['kms', ...args]);
    const file = (name: string) => path.join(dir, name);
    const writeB64 = (name: string, base64: string) => writeFile(file(name), Buffer.from(base64, 'base64'));

    for (const spec of ['ECC_NIST_P256', 'ECC_SECG_P256K1', 'RSA_2048'] as const) {
      it(`generate-data-key-pair ${spec}: openssl reads the pair, signs with the private key and verifies with the public key`, async () => {
        const { KeyMetadata } = await ok('create-key', '--description', `wraps ${spec} pairs`);
        const pair = await ok('generate-data-key-pair', '--key-id', KeyMetadata.KeyId, '--key-pair-spec', spec, '--encryption-context', 'purpose=cli-pair');
        assert.equal(pair.KeyId, KeyMetadata.Arn);
        assert.equal(pair.KeyPairSpec, spec);
        await writeB64(`${spec}.key.der`, pair.PrivateKeyPlaintext);
        await writeB64(`${spec}.pub.der`, pair.PublicKey);
        await writeB64(`${spec}.blob`, pair.PrivateKeyCiphertextBlob);

        // openssl derives the public key from the PKCS#8 private key: it is the returned SPKI.
        await openssl('pkey', '-inform', 'DER', '-in', file(`${spec}.key.der`), '-pubout', '-outform', 'DER', '-out', file(`${spec}.derived.der`));
        assert.deepEqual(await readFile(file(`${spec}.derived.der`)), await readFile(file(`${spec}.pub.der`)));
        const text = await openssl('pkey', '-pubin', '-inform', 'DER', '-in', file(`${spec}.pub.der`), '-noout', '-text');
        if (spec === 'RSA_2048') assert.match(text, /2048 bit/);
        else assert.match(text, spec === 'ECC_SECG_P256K1' ? /secp256k1/ : /prime256v1|P-256/);

        await writeFile(file('message.txt'), `signed by the ${spec} pair`);
        await openssl('dgst', '-sha256', '-keyform', 'DER', '-sign', file(`${spec}.key.der`), '-out', file(`${spec}.sig`), file('message.txt'));
        const verified = await openssl('dgst', '-sha256', '-keyform', 'DER', '-verify', file(`${spec}.pub.der`), '-signature', file(`${spec}.sig`), file('message.txt'));
        assert.match(verified, /Verified OK/);

        const decrypted = await ok('decrypt', '--ciphertext-blob', `fileb://${file(`${spec}.blob`)}`, '--encryption-context', 'purpose=cli-pair');
        assert.equal(decrypted.Plaintext, pair.PrivateKeyPlaintext);
      });
    }

    it('generate-data-key-pair-without-plaintext: only the public key and the encrypted private key', async () => {
      const { KeyMetadata } = await ok('create-key');
      const pair = await ok('generate-data-key-pair-without-plaintext', '--key-id', KeyMetadata.Arn, '--key-pair-spec', 'ECC_NIST_P384');
      assert.equal(pair.PrivateKeyPlaintext, undefined);
      await writeB64('p384.blob', pair.PrivateKeyCiphertextBlob);
      await writeB64('p384.pub.der', pair.PublicKey);
      const decrypted = await ok('decrypt', '--ciphertext-blob', `fileb://${file('p384.blob')}`);
      await writeB64('p384.key.der', decrypted.Plaintext);
      await openssl('pkey', '-inform', 'DER', '-in', file('p384.key.der'), '-pubout', '-outform', 'DER', '-out', file('p384.derived.der'));
      assert.deepEqual(await readFile(file('p384.derived.der')), await readFile(file('p384.pub.der')));

      const asymmetric = (await ok('create-key', '--key-spec', 'RSA_2048', '--key-usage', 'ENCRYPT_DECRYPT')).KeyMetadata;
      const refused = await aws('generate-data-key-pair-without-plaintext', '--key-id', asymmetric.KeyId, '--key-pair-spec', 'RSA_2048');
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /InvalidKeyUsageException.*You cannot generate a data key with an asymmetric CMK/);
    });

    it('generate-mac and verify-mac; a tampered MAC is refused', async () => {
      const { KeyMetadata } = await ok('create-key', '--key-spec', 'HMAC_384', '--key-usage', 'GENERATE_VERIFY_MAC');
      await writeFile(file('mac-message.txt'), 'authenticate me');
      const generated = await ok('generate-mac', '--key-id', KeyMetadata.KeyId, '--mac-algorithm', 'HMAC_SHA_384', '--message', `fileb://${file('mac-message.txt')}`);
      assert.equal(generated.MacAlgorithm, 'HMAC_SHA_384');
      const mac = Buffer.from(generated.Mac, 'base64');
      assert.equal(mac.length, 48);
      await writeFile(file('mac.bin'), mac);
      const verified = await ok('verify-mac', '--key-id', KeyMetadata.KeyId, '--mac-algorithm', 'HMAC_SHA_384', '--message', `fileb://${file('mac-message.txt')}`, '--mac', `fileb://${file('mac.bin')}`);
      assert.equal(verified.MacValid, true);
      assert.equal(verified.KeyId, KeyMetadata.Arn);

      mac[0] ^= 1;
      await writeFile(file('tampered.bin'), mac);
      const refused = await aws('verify-mac', '--key-id', KeyMetadata.KeyId, '--mac-algorithm', 'HMAC_SHA_384', '--message', `fileb://${file('mac-message.txt')}`, '--mac', `fileb://${file('tampered.bin')}`);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /KMSInvalidMacException/);
      const wrongAlgorithm = await aws('generate-mac', '--key-id', KeyMetadata.KeyId, '--mac-algorithm', 'HMAC_SHA_256', '--message', `fileb://${file('mac-message.txt')}`);
      assert.match(wrongAlgorithm.stderr, /InvalidKeyUsageException.*Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_384\./);
    });

    it('derive-shared-secret equals openssl pkeyutl -derive with a local key and the KMS public key', async (t) => {
      // DeriveSharedSecret (2024) is newer than Debian's CLI (2.9). Its botocore loads extra service models from
      // AWS_DATA_PATH, so such a CLI gets the command from the official KMS model in shared/aws-models.
      let env = awsCliEnv(server);
      if (!(await hasDeriveSharedSecret(env))) {
        if (!existsSync(KMS_MODEL)) return t.skip(`this AWS CLI predates DeriveSharedSecret and ${KMS_MODEL} is absent`);
        await mkdir(file('models/kms/2014-11-01'), { recursive: true });
        await copyFile(KMS_MODEL, file('models/kms/2014-11-01/service-2.json'));
        env = awsCliEnv(server, { AWS_DATA_PATH: file('models') });
        assert.ok(await hasDeriveSharedSecret(env), 'the CLI did not load the KMS model from AWS_DATA_PATH');
      }
      const cli = async (...args: string[]) => {
        const result = await runAwsCli(server, ['kms', ...args], env);
        assert.equal(result.code, 0, result.stderr);
        return JSON.parse(result.stdout);
      };
      const { KeyMetadata } = await ok('create-key', '--key-spec', 'ECC_NIST_P256', '--key-usage', 'KEY_AGREEMENT');
      const { PublicKey } = await ok('get-public-key', '--key-id', KeyMetadata.KeyId);
      await writeB64('kms-ecdh.pub.der', PublicKey);
      await openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file('local.pem'));
      await openssl('pkey', '-in', file('local.pem'), '-pubout', '-outform', 'DER', '-out', file('local.pub.der'));
      await openssl('pkey', '-pubin', '-inform', 'DER', '-in', file('kms-ecdh.pub.der'), '-out', file('kms-ecdh.pub.pem'));
      await openssl('pkeyutl', '-derive', '-inkey', file('local.pem'), '-peerkey', file('kms-ecdh.pub.pem'), '-out', file('openssl-secret.bin'));

      const derived = await cli('derive-shared-secret', '--key-id', KeyMetadata.KeyId, '--key-agreement-algorithm', 'ECDH', '--public-key', `fileb://${file('local.pub.der')}`);
      assert.equal(derived.KeyAgreementAlgorithm, 'ECDH');
      assert.equal(derived.KeyOrigin, 'AWS_KMS');
      assert.deepEqual(Buffer.from(derived.SharedSecret, 'base64'), await readFile(file('openssl-secret.bin')));
    });
  });
}
