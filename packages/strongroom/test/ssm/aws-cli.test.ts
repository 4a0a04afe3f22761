/** Parameter Store through the AWS CLI (/usr/bin/aws) against the in-process test server, including automatic pagination. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { ssmClient } from './ssm-test-client.ts';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
const cliSkip = existsSync(AWS_CLI) || process.env.CI === 'true' ? false : `${AWS_CLI} not installed (apt-get install awscli)`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

for (const engine of testStoreEngines()) {
  describe(`SSM through the AWS CLI [${engine.engine}]`, { skip: engine.skip || cliSkip }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server?.stop());

    async function aws(...args: string[]): Promise<CliResult> {
      const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, AWS_SESSION_TOKEN: _t, AWS_PROFILE: _p, ...rest } = process.env;
      const env = { ...rest, AWS_SHARED_CREDENTIALS_FILE: path.join(server.dataDir, 'credentials'), AWS_CONFIG_FILE: '/dev/null', AWS_PROFILE: 'strongroom', AWS_REGION: server.region, AWS_PAGER: '' };
      try {
        const { stdout, stderr } = await run(AWS_CLI, ['ssm', ...args, '--endpoint-url', server.url, '--output', 'json'], { env, maxBuffer: 32 * 1024 * 1024 });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as CliResult;
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    }

    async function ok(...args: string[]): Promise<any> {
      const result = await aws(...args);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout.trim() === '' ? {} : JSON.parse(result.stdout);
    }

    it('puts and gets a SecureString, decrypted only on request', async () => {
      const put = await ok('put-parameter', '--name', '/cli/secret', '--value', 's3cr3t', '--type', 'SecureString');
      assert.deepEqual(put, { Version: 1, Tier: 'Standard' });
      const decrypted = await ok('get-parameter', '--name', '/cli/secret', '--with-decryption');
      assert.equal(decrypted.Parameter.Value, 's3cr3t');
      const raw = await ok('get-parameter', '--name', '/cli/secret');
      assert.notEqual(raw.Parameter.Value, 's3cr3t');
      const again = await aws('put-parameter', '--name', '/cli/secret', '--value', 'x', '--type', 'SecureString');
      assert.notEqual(again.code, 0);
      assert.match(again.stderr, /ParameterAlreadyExists/);
    });

    it('get-parameters-by-path --recursive paginates automatically over 250 parameters', async () => {
      const ssm = ssmClient(server);
      const names: string[] = [];
      for (let i = 0; i < 250; i++) names.push(`/app/svc${i % 5}/${i % 2 === 0 ? 'deep/' : ''}p${String(i).padStart(3, '0')}`);
      for (let i = 0; i < names.length; i += 25) {
        await Promise.all(names.slice(i, i + 25).map((Name) => ssm.send(new PutParameterCommand({ Name, Value: Name, Type: 'String' }))));
      }
      await ssm.send(new PutParameterCommand({ Name: '/application/outside', Value: 'no', Type: 'String' }));
      const result = await ok('get-parameters-by-path', '--path', '/app', '--recursive');
      const got: string[] = result.Parameters.map((p: { Name: string }) => p.Name);
      assert.equal(got.length, 250);
      assert.deepEqual(got, [...names].sort());
      assert.ok(result.Parameters.every((p: { Name: string; Value: string }) => p.Value === p.Name));
      const oneLevel = await ok('get-parameters-by-path', '--path', '/app/svc0/deep');
      assert.equal(oneLevel.Parameters.length, 25);
    });
  });
}
