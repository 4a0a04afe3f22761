/**
 * The acceptance path for roles: an AWS CLI profile with `role_arn` +
 * `source_profile` assumes a role on Strongroom and its credentials work.
 *
 * The CLI's credential provider makes its AssumeRole call with a client of
 * its own, which does not take `--endpoint-url`. CLI v2.13 and later read
 * `endpoint_url` from the profile (or AWS_ENDPOINT_URL_STS); the v2.9 CLI
 * installed here does not, so the test points the CLI's STS endpoint rules
 * at the server through AWS_DATA_PATH, botocore's documented override
 * directory for its data files. Everything else is the user's setup.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { RoleRepository } from '../../src/identity/role-repository.ts';
import { openStore, type Store } from '../../src/storage/index.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
const cliSkip = existsSync(AWS_CLI) || process.env.CI === 'true' ? false : `${AWS_CLI} not installed (apt-get install awscli)`;
const ACCOUNT = '000000000000';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An STS endpoint rule set that sends every STS request to `url`. */
function stsRulesTo(url: string): string {
  const bool = (builtIn: string) => ({ builtIn, required: true, default: false, type: 'Boolean' });
  return JSON.stringify({
    version: '1.0',
    parameters: {
      Region: { builtIn: 'AWS::Region', required: false, type: 'String' },
      UseDualStack: bool('AWS::UseDualStack'),
      UseFIPS: bool('AWS::UseFIPS'),
      Endpoint: { builtIn: 'SDK::Endpoint', required: false, type: 'String' },
      UseGlobalEndpoint: bool('AWS::STS::UseGlobalEndpoint'),
    },
    rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }],
  });
}

for (const engine of testStoreEngines()) {
  describe(`AWS CLI role_arn + source_profile [${engine.engine}]`, { skip: engine.skip || cliSkip }, () => {
    let server: TestServer;
    let side: Store;
    let dir: string;
    let keyId: string;

    before(async () => {
      server = await startTestServer(engine);
      side = await openStore({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
      const roles = new RoleRepository(side);
      const trust = (principal: string) =>
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });
      const role = await roles.createRole(ACCOUNT, { roleName: 'cli-role', assumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:user/admin`) });
      await roles.createRole(ACCOUNT, { roleName: 'not-for-admin', assumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:user/nobody`) });
      // The role may encrypt with this key (its key policy names the role).
      const kms = new KMSClient({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1 });
      const { KeyMetadata } = await kms.send(
        new CreateKeyCommand({
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
              { Effect: 'Allow', Principal: { AWS: role.arn }, Action: 'kms:Encrypt', Resource: '*' },
            ],
          }),
        }),
      );
      keyId = KeyMetadata!.KeyId!;

      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-sts-cli-'));
      await mkdir(path.join(dir, 'data', 'sts', '2011-06-15'), { recursive: true });
      await writeFile(path.join(dir, 'data', 'sts', '2011-06-15', 'endpoint-rule-set-1.json'), stsRulesTo(server.url));
      await writeFile(
        path.join(dir, 'config'),
        [
          '[profile strongroom]',
          `region = ${server.region}`,
          '',
          '[profile assumer]',
          `role_arn = ${role.arn}`,
          'source_profile = strongroom',
          'role_session_name = cli-session',
          `region = ${server.region}`,
          '',
          '[profile refused]',
          `role_arn = arn:aws:iam::${ACCOUNT}:role/not-for-admin`,
          'source_profile = strongroom',
          `region = ${server.region}`,
          '',
        ].join('\n'),
      );
    });
    after(async () => {
      await side?.close();
      await server?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    async function aws(profile: string, ...args: string[]): Promise<CliResult> {
      const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, AWS_SESSION_TOKEN: _t, AWS_PROFILE: _p, AWS_REGION: _r, AWS_DEFAULT_REGION: _d, ...rest } = process.env;
      const env = {
        ...rest,
        // HOME: the CLI caches assumed-role credentials under ~/.aws/cli/cache.
        HOME: dir,
        AWS_CONFIG_FILE: path.join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(server.dataDir, 'credentials'),
        AWS_DATA_PATH: path.join(dir, 'data'),
        AWS_PAGER: '',
      };
      try {
        const { stdout, stderr } = await run(AWS_CLI, [...args, '--profile', profile, '--endpoint-url', server.url, '--output', 'json'], { env });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as CliResult;
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    }

    it('aws sts get-caller-identity with the role profile names the assumed role', async () => {
      const result = await aws('assumer', 'sts', 'get-caller-identity');
      assert.equal(result.code, 0, result.stderr);
      const identity = JSON.parse(result.stdout);
      assert.equal(identity.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/cli-role/cli-session`);
      assert.match(identity.UserId, /^AROA[A-Z2-7]{17}:cli-session$/);
      assert.equal(identity.Account, ACCOUNT);
    });

    it('the role profile works with KMS, within the role\'s permissions', async () => {
      const encrypted = await aws('assumer', 'kms', 'encrypt', '--key-id', keyId, '--plaintext', Buffer.from('from the cli').toString('base64'));
      assert.equal(encrypted.code, 0, encrypted.stderr);
      assert.equal(JSON.parse(encrypted.stdout).KeyId, `arn:aws:kms:${server.region}:${ACCOUNT}:key/${keyId}`);
      const refused = await aws('assumer', 'kms', 'create-key');
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /AccessDeniedException/);
      assert.match(refused.stderr, /assumed-role\/cli-role\/cli-session is not authorized to perform: kms:CreateKey/);
    });

    it('a profile for a role whose trust policy does not name the caller fails with AccessDenied', async () => {
      const result = await aws('refused', 'sts', 'get-caller-identity');
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /AccessDenied\) when calling the AssumeRole operation: User: arn:aws:iam::000000000000:user\/admin is not authorized to perform: sts:AssumeRole/);
    });
  });
}
