/** Secrets Manager through the AWS CLI (/usr/bin/aws) against the in-process test server. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';


for (const engine of testStoreEngines()) {
  describe(`Secrets Manager through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    let dir: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-sm-cli-'));
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const aws = (...args: string[]) => runAwsCli(server, ['secretsmanager', ...args]);
    const ok = (...args: string[]) => awsCliJson(server, ['secretsmanager', ...args]);

    it('creates, reads, updates and lists secrets', async () => {
      const created = await ok('create-secret', '--name', 'cli/db', '--secret-string', '{"user":"admin","password":"hunter2"}', '--description', 'from the cli');
      assert.match(created.ARN, /^arn:aws:secretsmanager:[^:]+:\d{12}:secret:cli\/db-[A-Za-z0-9]{6}$/);
      const got = await ok('get-secret-value', '--secret-id', 'cli/db');
      assert.deepEqual(JSON.parse(got.SecretString), { user: 'admin', password: 'hunter2' });
      assert.deepEqual(got.VersionStages, ['AWSCURRENT']);
      const binFile = path.join(dir, 'value.bin');
      await writeFile(binFile, Buffer.from([1, 2, 3, 255]));
      await ok('create-secret', '--name', 'cli/bin', '--secret-binary', `fileb://${binFile}`);
      const bin = await ok('get-secret-value', '--secret-id', 'cli/bin');
      assert.deepEqual(Buffer.from(bin.SecretBinary, 'base64'), Buffer.from([1, 2, 3, 255]));

      const put = await ok('put-secret-value', '--secret-id', created.ARN, '--secret-string', 'rotated');
      assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
      assert.equal((await ok('get-secret-value', '--secret-id', 'cli/db')).SecretString, 'rotated');
      assert.equal(JSON.parse((await ok('get-secret-value', '--secret-id', 'cli/db', '--version-stage', 'AWSPREVIOUS')).SecretString).user, 'admin');

      const listed = await ok('list-secrets', '--filters', 'Key=name,Values=cli/');
      assert.deepEqual(listed.SecretList.map((s: { Name: string }) => s.Name).sort(), ['cli/bin', 'cli/db']);
      const described = await ok('describe-secret', '--secret-id', 'cli/db');
      assert.equal(described.Description, 'from the cli');
      assert.equal(Object.keys(described.VersionIdsToStages).length, 2);
      const password = await ok('get-random-password', '--password-length', '24', '--exclude-punctuation');
      assert.match(password.RandomPassword, /^[A-Za-z0-9]{24}$/);
    });

    it('reports errors as the CLI shows them', async () => {
      const missing = await aws('get-secret-value', '--secret-id', 'cli/none');
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /ResourceNotFoundException/);
      assert.match(missing.stderr, /Secrets Manager can't find the specified secret\./);
      await ok('create-secret', '--name', 'cli/gone', '--secret-string', 'x');
      const deleted = await ok('delete-secret', '--secret-id', 'cli/gone', '--recovery-window-in-days', '7');
      assert.ok(deleted.DeletionDate);
      const refused = await aws('get-secret-value', '--secret-id', 'cli/gone');
      assert.match(refused.stderr, /InvalidRequestException/);
      await ok('restore-secret', '--secret-id', 'cli/gone');
      assert.equal((await ok('get-secret-value', '--secret-id', 'cli/gone')).SecretString, 'x');
    });
  });
}
