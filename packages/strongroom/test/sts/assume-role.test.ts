/**
 * Temporary credentials end to end, with the AWS SDK v3: AssumeRole and
 * GetSessionToken credentials used with STS and KMS, trust policies,
 * ExternalId, durations, expiry and token errors. Roles are created through
 * the role repository on a second store opened on the server's database
 * (as IAM CreateRole stores them); their permissions come from KMS key
 * policies naming the role, so these tests need no IAM identity policies.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  STSServiceException,
  type AssumeRoleCommandInput,
  type Credentials,
} from '@aws-sdk/client-sts';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { AesGcmBarrier } from '../../src/crypto/barrier/barrier.ts';
import { randomBytes } from '../../src/crypto/primitives.ts';
import { RoleRepository, type IamRole } from '../../src/identity/role-repository.ts';
import { SessionRepository, STS_SESSION_TOPIC } from '../../src/identity/sessions/session-repository.ts';
import { eventually } from '../../src/testing/eventually.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { openStore, type Store } from '../../src/storage/index.ts';
import { expectError } from '../kms/kms-test-client.ts';
import { queryErrorCode, sendSigned, stsQuery } from '../support/raw-request.ts';

const ACCOUNT = '000000000000';
const ADMIN_ARN = `arn:aws:iam::${ACCOUNT}:user/admin`;

type ClientCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function fromSts(credentials: Credentials | undefined): ClientCredentials {
  assert.ok(credentials?.AccessKeyId && credentials.SecretAccessKey && credentials.SessionToken);
  return { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken };
}

async function stsRejection(promise: Promise<unknown>, name: string, status: number, message?: string | RegExp): Promise<STSServiceException> {
  const error = await promise.then(() => assert.fail('expected the call to fail'), (e: unknown) => e);
  assert.ok(error instanceof STSServiceException, `not an STS exception: ${String(error)}`);
  assert.equal(error.name, name, `${error.name}: ${error.message}`);
  assert.equal(error.$metadata.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  return error;
}

function trustPolicy(principal: object, condition?: object): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
}

for (const engine of testStoreEngines()) {
  describe(`STS temporary credentials [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let side: Store;
    let roles: RoleRepository;
    const sts = (credentials: ClientCredentials = server.credentials) =>
      new STSClient({ endpoint: server.url, region: server.region, credentials, maxAttempts: 1 });
    const kms = (credentials: ClientCredentials = server.credentials) =>
      new KMSClient({ endpoint: server.url, region: server.region, credentials, maxAttempts: 1 });
    const assume = (input: AssumeRoleCommandInput, credentials?: ClientCredentials) => sts(credentials).send(new AssumeRoleCommand(input));

    before(async () => {
      server = await startTestServer(engine);
      side = await openStore({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
      roles = new RoleRepository(side);
    });
    after(async () => {
      await side?.close();
      await server?.stop();
    });

    const createRole = (roleName: string, trust: string, maxSessionDuration?: number, path?: string): Promise<IamRole> =>
      roles.createRole(ACCOUNT, { roleName, assumeRolePolicyDocument: trust, maxSessionDuration, path });

    it('AssumeRole returns a session whose credentials act as the assumed role', async () => {
      const role = await createRole('app', trustPolicy({ AWS: ADMIN_ARN }), undefined, '/apps/');
      const out = await assume({ RoleArn: role.arn, RoleSessionName: 'deploy-1' });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/app/deploy-1`);
      assert.equal(out.AssumedRoleUser?.AssumedRoleId, `${role.roleId}:deploy-1`);
      assert.match(out.Credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
      assert.ok((out.Credentials?.SessionToken?.length ?? 0) >= 300);
      const lifetime = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
      assert.ok(lifetime > 3590_000 && lifetime <= 3600_000, `default one hour, got ${lifetime} ms`);
      assert.equal(out.PackedPolicySize, undefined);

      const identity = await sts(fromSts(out.Credentials)).send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/app/deploy-1`);
      assert.equal(identity.UserId, `${role.roleId}:deploy-1`);
      assert.equal(identity.Account, ACCOUNT);

      const info = await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: out.Credentials!.AccessKeyId }));
      assert.equal(info.Account, ACCOUNT);
    });

    it('assumed-role credentials work with KMS as far as the role is allowed', async () => {
      const role = await createRole('kms-user', trustPolicy({ AWS: ADMIN_ARN }));
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'The role may use the key', Effect: 'Allow', Principal: { AWS: role.arn }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
        ],
      });
      const { KeyMetadata } = await kms().send(new CreateKeyCommand({ Policy: policy }));
      const session = fromSts((await assume({ RoleArn: role.arn, RoleSessionName: 'worker' })).Credentials);

      const encrypted = await kms(session).send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('hello') }));
      const decrypted = await kms(session).send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
      assert.equal(Buffer.from(decrypted.Plaintext!).toString(), 'hello');
      // The role has no identity policy of its own.
      await expectError(
        kms(session).send(new CreateKeyCommand({})),
        'AccessDeniedException',
        new RegExp(`^User: arn:aws:sts::${ACCOUNT}:assumed-role/kms-user/worker is not authorized to perform: kms:CreateKey on resource: `),
      );
      // A session policy narrows the session below what the key policy grants.
      const narrowed = await assume({
        RoleArn: role.arn,
        RoleSessionName: 'narrow',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }),
      });
      assert.equal(typeof narrowed.PackedPolicySize, 'number');
      await expectError(kms(fromSts(narrowed.Credentials)).send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })), 'AccessDeniedException', /session policy/);
      const again = await kms(fromSts(narrowed.Credentials)).send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
      assert.equal(Buffer.from(again.Plaintext!).toString(), 'hello');
    });

    it('a role whose trust policy does not name the caller cannot be assumed', async () => {
      const role = await createRole('someone-elses', trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:user/somebody` }));
      await stsRejection(
        assume({ RoleArn: role.arn, RoleSessionName: 's-session' }),
        'AccessDenied',
        403,
        new RegExp(`^User: ${ADMIN_ARN} is not authorized to perform: sts:AssumeRole on resource: ${role.arn.replace(/[/]/g, '\\/')}`),
      );
      await stsRejection(assume({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/does-not-exist`, RoleSessionName: 's-session' }), 'AccessDenied', 403, /is not authorized to perform: sts:AssumeRole/);
    });

    it('the ExternalId must match the trust policy condition', async () => {
      const role = await createRole('vendor', trustPolicy({ AWS: ADMIN_ARN }, { StringEquals: { 'sts:ExternalId': 'Unicorn-42' } }));
      const ok = await assume({ RoleArn: role.arn, RoleSessionName: 'v-session', ExternalId: 'Unicorn-42' });
      assert.ok(ok.Credentials?.AccessKeyId);
      await stsRejection(assume({ RoleArn: role.arn, RoleSessionName: 'v-session', ExternalId: 'Unicorn-43' }), 'AccessDenied', 403);
      await stsRejection(assume({ RoleArn: role.arn, RoleSessionName: 'v-session' }), 'AccessDenied', 403);
    });

    it('DurationSeconds: 900 to the role\'s MaxSessionDuration', async () => {
      const role = await createRole('long', trustPolicy({ AWS: ADMIN_ARN }), 7200);
      const out = await assume({ RoleArn: role.arn, RoleSessionName: 's-session', DurationSeconds: 7200 });
      assert.ok((out.Credentials?.Expiration?.getTime() ?? 0) - Date.now() > 7190_000);
      await stsRejection(
        assume({ RoleArn: role.arn, RoleSessionName: 's-session', DurationSeconds: 7201 }),
        'ValidationError',
        400,
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
      await stsRejection(assume({ RoleArn: role.arn, RoleSessionName: 's-session', DurationSeconds: 899 }), 'ValidationError', 400, /durationSeconds/);
    });

    it('expired credentials get ExpiredToken (STS) and ExpiredTokenException (KMS)', async () => {
      const role = await createRole('short', trustPolicy({ AWS: ADMIN_ARN }));
      const creds = fromSts((await assume({ RoleArn: role.arn, RoleSessionName: 's-session' })).Credentials);
      await sts(creds).send(new GetCallerIdentityCommand({}));
      // Expire the session in the store, as time would, and announce the change to the server's cache.
      await side.transaction(async (trx) => {
        await trx.updateTable('sts_sessions').set({ expires_at: Date.now() - 1000 }).where('access_key_id', '=', creds.accessKeyId).execute();
        side.changes.publish(STS_SESSION_TOPIC, creds.accessKeyId);
      });
      await eventually(async () => void (await stsRejection(sts(creds).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 403, 'The security token included in the request is expired')));
      await expectError(kms(creds).send(new CreateKeyCommand({})), 'ExpiredTokenException', 'The security token included in the request is expired');
    });

    it('temporary credentials need their own session token', async () => {
      const role = await createRole('tokened', trustPolicy({ AWS: ADMIN_ARN }));
      const creds = fromSts((await assume({ RoleArn: role.arn, RoleSessionName: 's-session' })).Credentials);
      const other = fromSts((await assume({ RoleArn: role.arn, RoleSessionName: 't-session' })).Credentials);
      const send = (credentials: ClientCredentials) => sendSigned({ url: server.url, service: 'sts', region: server.region, credentials, ...stsQuery('GetCallerIdentity') });
      for (const credentials of [{ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }, { ...creds, sessionToken: other.sessionToken }]) {
        const response = await send(credentials);
        assert.equal(response.status, 403);
        assert.equal(queryErrorCode(response.text), 'InvalidClientTokenId');
        assert.match(response.text, /<Message>The security token included in the request is invalid<\/Message>/);
      }
      const longTermWithToken = await send({ ...server.credentials, sessionToken: creds.sessionToken });
      assert.equal(queryErrorCode(longTermWithToken.text), 'InvalidClientTokenId');
      assert.equal((await send(creds)).status, 200);
    });

    it('GetSessionToken credentials act as the user; they cannot get another session token', async () => {
      const out = await sts().send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
      const lifetime = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
      assert.ok(lifetime > 890_000 && lifetime <= 900_000, String(lifetime));
      const creds = fromSts(out.Credentials);
      const identity = await sts(creds).send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Arn, ADMIN_ARN);
      assert.match(identity.UserId ?? '', /^AIDA/);
      // The administrator's permissions come along.
      const { KeyMetadata } = await kms(creds).send(new CreateKeyCommand({ Description: 'via session token' }));
      assert.ok(KeyMetadata?.KeyId);
      await stsRejection(sts(creds).send(new GetSessionTokenCommand({})), 'AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
      // ... and may assume roles.
      const role = await createRole('from-session', trustPolicy({ AWS: ADMIN_ARN }));
      const assumed = await assume({ RoleArn: role.arn, RoleSessionName: 'x-session' }, creds);
      assert.equal(assumed.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/from-session/x-session`);
    });

    it('role chaining: a session of one role assumes another for at most an hour', async () => {
      const first = await createRole('hop-1', trustPolicy({ AWS: ADMIN_ARN }), 43200);
      const second = await createRole('hop-2', trustPolicy({ AWS: first.arn }), 43200);
      const creds = fromSts((await assume({ RoleArn: first.arn, RoleSessionName: 'one', DurationSeconds: 7200 })).Credentials);
      const chained = await assume({ RoleArn: second.arn, RoleSessionName: 'two' }, creds);
      assert.equal((await sts(fromSts(chained.Credentials)).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/hop-2/two`);
      await stsRejection(
        assume({ RoleArn: second.arn, RoleSessionName: 'two', DurationSeconds: 3601 }, creds),
        'ValidationError',
        400,
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    });

    it('keeps session secrets out of the database', async () => {
      const role = await createRole('sealed', trustPolicy({ AWS: ADMIN_ARN }));
      const creds = fromSts((await assume({ RoleArn: role.arn, RoleSessionName: 's-session' })).Credentials);
      const row = await side.db.selectFrom('sts_sessions').selectAll().where('access_key_id', '=', creds.accessKeyId).executeTakeFirstOrThrow();
      const dump = JSON.stringify(row) + row.secret_sealed.toString('latin1');
      assert.ok(!dump.includes(creds.secretAccessKey));
      assert.ok(!dump.includes(creds.sessionToken!));
      // A repository with another root key cannot open the secret.
      const stranger = new SessionRepository(side, AesGcmBarrier.fromRootKey(randomBytes(32)));
      await assert.rejects(stranger.find(creds.accessKeyId));
    });
  });
}
