/** KMS through the AWS CLI (/usr/bin/aws) against the in-process test server, as a shell user would drive it. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';


for (const engine of testStoreEngines()) {
  describe(`KMS through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-kms-cli-'));
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const aws = (...args: string[]) => runAwsCli(server, ['kms', ...args]);
    const ok = (...args: string[]) => awsCliJson(server, ['kms', ...args]);

    it('creates, aliases and describes a key', async () => {
      const { KeyMetadata } = await ok('create-key', '--description', 'cli key', '--tags', 'TagKey=team,TagValue=ops');
      assert.equal(KeyMetadata.KeySpec, 'SYMMETRIC_DEFAULT');
      assert.ok(Math.abs(new Date(KeyMetadata.CreationDate).getTime() - Date.now()) < 60_000, String(KeyMetadata.CreationDate));
      await ok('create-alias', '--alias-name', 'alias/cli-key', '--target-key-id', KeyMetadata.KeyId);
      const described = await ok('describe-key', '--key-id', 'alias/cli-key');
      assert.equal(described.KeyMetadata.KeyId, KeyMetadata.KeyId);
      assert.equal(described.KeyMetadata.Description, 'cli key');
      const aliases = await ok('list-aliases', '--key-id', KeyMetadata.KeyId);
      assert.deepEqual(aliases.Aliases.map((a: { AliasName: string }) => a.AliasName), ['alias/cli-key']);
      const tags = await ok('list-resource-tags', '--key-id', KeyMetadata.KeyId);
      assert.deepEqual(tags.Tags, [{ TagKey: 'team', TagValue: 'ops' }]);
      const policy = await ok('get-key-policy', '--key-id', KeyMetadata.KeyId, '--policy-name', 'default');
      assert.equal(JSON.parse(policy.Policy).Statement[0].Sid, 'Enable IAM User Permissions');
    });

    it('encrypts and decrypts files with an encryption context', async () => {
      await writeFile(path.join(dir, 'secret.txt'), 'cli plaintext');
      const encrypted = await ok('encrypt', '--key-id', 'alias/cli-key', '--plaintext', `fileb://${path.join(dir, 'secret.txt')}`, '--encryption-context', 'app=cli');
      await writeFile(path.join(dir, 'secret.bin'), Buffer.from(encrypted.CiphertextBlob, 'base64'));
      const decrypted = await ok('decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'secret.bin')}`, '--encryption-context', 'app=cli');
      assert.equal(Buffer.from(decrypted.Plaintext, 'base64').toString(), 'cli plaintext');
      const wrong = await aws('decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'secret.bin')}`, '--encryption-context', 'app=other');
      assert.notEqual(wrong.code, 0);
      assert.match(wrong.stderr, /InvalidCiphertextException/);
    });

    it('generates data keys and random bytes', async () => {
      const dataKey = await ok('generate-data-key', '--key-id', 'alias/cli-key', '--key-spec', 'AES_256');
      assert.equal(Buffer.from(dataKey.Plaintext, 'base64').length, 32);
      await writeFile(path.join(dir, 'datakey.bin'), Buffer.from(dataKey.CiphertextBlob, 'base64'));
      const decrypted = await ok('decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'datakey.bin')}`);
      assert.equal(decrypted.Plaintext, dataKey.Plaintext);
      const random = await ok('generate-random', '--number-of-bytes', '64');
      assert.equal(Buffer.from(random.Plaintext, 'base64').length, 64);
      const bad = await aws('generate-data-key', '--key-id', 'alias/cli-key');
      assert.match(bad.stderr, /ValidationException.*Please specify either number of bytes or key spec\./);
    });

    it('rotates, disables and schedules deletion', async () => {
      // Debian's AWS CLI (2.9) predates rotation periods and on-demand rotation; the SDK tests cover those.
      const keyId = (await ok('describe-key', '--key-id', 'alias/cli-key')).KeyMetadata.KeyId;
      await ok('enable-key-rotation', '--key-id', keyId);
      assert.equal((await ok('get-key-rotation-status', '--key-id', keyId)).KeyRotationEnabled, true);
      await ok('disable-key', '--key-id', keyId);
      const refused = await aws('encrypt', '--key-id', keyId, '--plaintext', `fileb://${path.join(dir, 'secret.txt')}`);
      assert.match(refused.stderr, /DisabledException.*is disabled\./);
      const scheduled = await ok('schedule-key-deletion', '--key-id', keyId, '--pending-window-in-days', '7');
      assert.equal(scheduled.KeyState, 'PendingDeletion');
      await ok('cancel-key-deletion', '--key-id', keyId);
      assert.equal((await ok('describe-key', '--key-id', keyId)).KeyMetadata.KeyState, 'Disabled');
    });
  });
}
