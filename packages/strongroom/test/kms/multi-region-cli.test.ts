/** Multi-Region keys through the AWS CLI (/usr/bin/aws, --region per call): replicate-key, then encrypt in one region and decrypt in the other. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';

for (const engine of testStoreEngines()) {
  describe(`KMS multi-Region keys through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-kms-mrk-cli-'));
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const ok = (region: string, ...args: string[]) => awsCliJson(server, ['kms', ...args, '--region', region]);
    const aws = (region: string, ...args: string[]) => runAwsCli(server, ['kms', ...args, '--region', region]);

    it('replicates a key and decrypts in eu-west-1 what us-east-1 encrypted, and the other way round', async () => {
      const { KeyMetadata: primary } = await ok('us-east-1', 'create-key', '--multi-region', '--description', 'cli mrk');
      assert.match(primary.KeyId, /^mrk-[0-9a-f]{32}$/);
      assert.equal(primary.MultiRegionConfiguration.MultiRegionKeyType, 'PRIMARY');

      const replicated = await ok('us-east-1', 'replicate-key', '--key-id', primary.KeyId, '--replica-region', 'eu-west-1', '--description', 'cli replica', '--tags', 'TagKey=site,TagValue=eu');
      assert.equal(replicated.ReplicaKeyMetadata.Arn, `arn:aws:kms:eu-west-1:${server.accountId}:key/${primary.KeyId}`);
      assert.equal(replicated.ReplicaKeyMetadata.MultiRegionConfiguration.MultiRegionKeyType, 'REPLICA');
      assert.deepEqual(replicated.ReplicaTags, [{ TagKey: 'site', TagValue: 'eu' }]);
      assert.equal(JSON.parse(replicated.ReplicaPolicy).Statement[0].Sid, 'Enable IAM User Permissions');

      const described = await ok('eu-west-1', 'describe-key', '--key-id', primary.KeyId);
      assert.deepEqual(described.KeyMetadata.MultiRegionConfiguration.PrimaryKey, { Arn: primary.Arn, Region: 'us-east-1' });

      await writeFile(path.join(dir, 'plain.txt'), 'crossing regions');
      const encrypted = await ok('us-east-1', 'encrypt', '--key-id', primary.KeyId, '--plaintext', `fileb://${path.join(dir, 'plain.txt')}`, '--encryption-context', 'app=mrk');
      await writeFile(path.join(dir, 'us.bin'), Buffer.from(encrypted.CiphertextBlob, 'base64'));
      const decrypted = await ok('eu-west-1', 'decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'us.bin')}`, '--encryption-context', 'app=mrk');
      assert.equal(Buffer.from(decrypted.Plaintext, 'base64').toString(), 'crossing regions');
      assert.equal(decrypted.KeyId, replicated.ReplicaKeyMetadata.Arn);

      const back = await ok('eu-west-1', 'encrypt', '--key-id', primary.KeyId, '--plaintext', `fileb://${path.join(dir, 'plain.txt')}`);
      await writeFile(path.join(dir, 'eu.bin'), Buffer.from(back.CiphertextBlob, 'base64'));
      const inUs = await ok('us-east-1', 'decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'eu.bin')}`);
      assert.equal(Buffer.from(inUs.Plaintext, 'base64').toString(), 'crossing regions');

      // A data key from eu-west-1 opens a node:crypto envelope made with the plaintext data key from us-east-1.
      const dataKey = await ok('us-east-1', 'generate-data-key', '--key-id', primary.KeyId, '--key-spec', 'AES_256');
      await writeFile(path.join(dir, 'datakey.bin'), Buffer.from(dataKey.CiphertextBlob, 'base64'));
      const recovered = await ok('eu-west-1', 'decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'datakey.bin')}`);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(dataKey.Plaintext, 'base64'), iv);
      const sealed = Buffer.concat([cipher.update('envelope'), cipher.final()]);
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(recovered.Plaintext, 'base64'), iv);
      decipher.setAuthTag(cipher.getAuthTag());
      assert.equal(Buffer.concat([decipher.update(sealed), decipher.final()]).toString(), 'envelope');

      const again = await aws('us-east-1', 'replicate-key', '--key-id', primary.KeyId, '--replica-region', 'eu-west-1');
      assert.notEqual(again.code, 0);
      assert.match(again.stderr, /AlreadyExistsException/);
    });
  });
}
