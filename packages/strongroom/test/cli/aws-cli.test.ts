/**
 * The acceptance path of the foundation: `strongroom start` as a real process,
 * then the AWS CLI v2 with the credentials file it wrote.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { testStoreEngines, type TestStoreTarget } from '../../src/testing/test-stores.ts';
import { startServerProcess, type ServerProcess } from '../../src/testing/cli-process.ts';
import { readCredentialsFile } from '../../src/testing/test-server.ts';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
const cliSkip = existsSync(AWS_CLI) || process.env.CI === 'true' ? false : `${AWS_CLI} not installed (apt-get install awscli)`;

function awsEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, AWS_SESSION_TOKEN: _t, AWS_PROFILE: _p, ...rest } = process.env;
  return { ...rest, AWS_SHARED_CREDENTIALS_FILE: path.join(dataDir, 'credentials'), AWS_CONFIG_FILE: '/dev/null', AWS_PROFILE: 'strongroom', AWS_REGION: 'us-east-1', AWS_PAGER: '', ...extra };
}

async function aws(server: ServerProcess, env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(AWS_CLI, [...args, '--endpoint-url', server.url, '--output', 'json'], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

for (const engine of testStoreEngines()) {
  describe(`strongroom start + AWS CLI [${engine.engine}]`, { skip: engine.skip || cliSkip }, () => {
    let target: TestStoreTarget;
    let server: ServerProcess;
    before(async () => {
      target = await engine.create();
      const database = target.databaseUrl ? ['--database', target.databaseUrl] : [];
      server = await startServerProcess(['--port', '0', '--data', target.dataDir, ...database]);
    });
    after(async () => {
      await server?.stop();
      await target?.cleanup();
    });

    it('writes the administrator credentials with mode 0600', () => {
      const mode = statSync(path.join(target.dataDir, 'credentials')).mode & 0o777;
      assert.equal(mode, 0o600);
    });

    it('aws sts get-caller-identity prints the administrator', async () => {
      const result = await aws(server, awsEnv(target.dataDir), 'sts', 'get-caller-identity');
      assert.equal(result.code, 0, result.stderr);
      const identity = JSON.parse(result.stdout);
      assert.equal(identity.Account, '000000000000');
      assert.equal(identity.Arn, 'arn:aws:iam::000000000000:user/admin');
    });

    it('a wrong secret key gets SignatureDoesNotMatch', async () => {
      const { accessKeyId } = readCredentialsFile(path.join(target.dataDir, 'credentials'));
      const env = awsEnv(target.dataDir, { AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'wrong-secret' });
      delete env.AWS_PROFILE;
      const result = await aws(server, env, 'sts', 'get-caller-identity');
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /SignatureDoesNotMatch/);
    });

    it('answers the health endpoint', async () => {
      const response = await fetch(`${server.url}/_strongroom/health`);
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { status: string }).status, 'ok');
    });

    it('drains and exits 0 on SIGTERM', async () => {
      assert.equal(await server.stop('SIGTERM'), 0);
      assert.ok(server.lines.some((line) => line.includes('"msg":"stopped"')));
    });
  });
}
