/** Secrets Manager end to end with @aws-sdk/client-secrets-manager: create, read, versions and staging labels, errors. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, smClient, uniqueName } from './sm-test-client.ts';

const NOT_FOUND = "Secrets Manager can't find the specified secret.";

for (const engine of testStoreEngines()) {
  describe(`Secrets Manager secrets and versions [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let sm: SecretsManagerClient;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      sm = smClient(server);
      kms = new KMSClient({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1 });
    });
    after(() => server?.stop());

    it('creates a secret and reads it by name, full ARN and partial ARN', async () => {
      const name = uniqueName('app');
      const created = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 's3cr3t', Description: 'db password', Tags: [{ Key: 'team', Value: 'ops' }] }));
      const prefix = `arn:aws:secretsmanager:${server.region}:${server.accountId}:secret:${name}-`;
      assert.ok(created.ARN?.startsWith(prefix), created.ARN);
      assert.match(created.ARN!.slice(prefix.length), /^[A-Za-z0-9]{6}$/);
      assert.equal(created.Name, name);
      assert.ok(created.VersionId);
      for (const id of [name, created.ARN!, created.ARN!.slice(0, -7)]) {
        const got = await sm.send(new GetSecretValueCommand({ SecretId: id }));
        assert.equal(got.SecretString, 's3cr3t');
        assert.equal(got.ARN, created.ARN);
        assert.equal(got.VersionId, created.VersionId);
        assert.deepEqual(got.VersionStages, ['AWSCURRENT']);
        assert.ok(got.CreatedDate instanceof Date);
      }
      const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(described.Description, 'db password');
      assert.equal(described.KmsKeyId, undefined);
      assert.deepEqual(described.Tags, [{ Key: 'team', Value: 'ops' }]);
      assert.deepEqual(described.VersionIdsToStages, { [created.VersionId!]: ['AWSCURRENT'] });
      assert.ok(described.CreatedDate && described.LastChangedDate && described.LastAccessedDate);
      const managed = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }));
      assert.equal(managed.KeyMetadata?.KeyManager, 'AWS');
    });

    it('stores binary values and refuses both kinds at once', async () => {
      const name = uniqueName('bin');
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      await sm.send(new CreateSecretCommand({ Name: name, SecretBinary: bytes }));
      const got = await sm.send(new GetSecretValueCommand({ SecretId: name }));
      assert.deepEqual(Buffer.from(got.SecretBinary!), Buffer.from(bytes));
      assert.equal(got.SecretString, undefined);
      await expectError(
        sm.send(new CreateSecretCommand({ Name: uniqueName(), SecretBinary: bytes, SecretString: 'x' })),
        'InvalidParameterException',
        "You can't specify both a binary secret value and a string secret value in the same secret.",
      );
      await expectError(sm.send(new CreateSecretCommand({ Name: uniqueName(), SecretString: 'x'.repeat(65537) })), 'ValidationException');
      await sm.send(new CreateSecretCommand({ Name: uniqueName(), SecretString: 'x'.repeat(65536) }));
    });

    it('is idempotent on ClientRequestToken and refuses a taken name', async () => {
      const name = uniqueName('idem');
      const token = 'a'.repeat(32) + '-create';
      const first = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v', ClientRequestToken: token }));
      const again = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v', ClientRequestToken: token }));
      assert.equal(again.ARN, first.ARN);
      assert.equal(again.VersionId, token);
      await expectError(sm.send(new CreateSecretCommand({ Name: name, SecretString: 'other' })), 'ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    });

    it('PutSecretValue moves AWSCURRENT and AWSPREVIOUS, with token idempotence', async () => {
      const name = uniqueName('put');
      const v1 = (await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }))).VersionId!;
      const token = 'b'.repeat(36);
      const put = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', ClientRequestToken: token }));
      assert.equal(put.VersionId, token);
      assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
      const same = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', ClientRequestToken: token }));
      assert.equal(same.VersionId, token);
      await expectError(
        sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'changed', ClientRequestToken: token })),
        'ResourceExistsException',
        "You can't modify an existing version, you can only create a new version.",
      );
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'two');
      const previous = await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }));
      assert.equal(previous.SecretString, 'one');
      assert.equal(previous.VersionId, v1);
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: v1 }))).SecretString, 'one');

      const v3 = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'three' }))).VersionId!;
      const staged = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'pending', VersionStages: ['AWSPENDING'] }));
      assert.deepEqual(staged.VersionStages, ['AWSPENDING']);
      const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.deepEqual(described.VersionIdsToStages, { [token]: ['AWSPREVIOUS'], [v3]: ['AWSCURRENT'], [staged.VersionId!]: ['AWSPENDING'] });
      const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name }));
      assert.equal(listed.Versions?.length, 3);
      const all = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
      assert.equal(all.Versions?.length, 4);
      assert.ok(all.Versions?.every((v) => v.KmsKeyIds?.length === 1));

      await expectError(sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'nope' })), 'ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: nope");
      await expectError(sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: 'c'.repeat(32) })), 'ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${'c'.repeat(32)}`);
    });

    it('UpdateSecretVersionStage moves labels as AWS documents', async () => {
      const name = uniqueName('stage');
      const v1 = (await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }))).VersionId!;
      const v2 = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', VersionStages: ['AWSPENDING'] }))).VersionId!;
      await expectError(sm.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v2 })), 'InvalidParameterException');
      await sm.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: v1 }));
      let stages = (await sm.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages;
      assert.deepEqual(stages?.[v1], ['AWSPREVIOUS']);
      assert.deepEqual([...(stages?.[v2] ?? [])].sort(), ['AWSCURRENT', 'AWSPENDING']);
      await sm.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSPENDING', RemoveFromVersionId: v2 }));
      await sm.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'custom', MoveToVersionId: v1 }));
      stages = (await sm.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages;
      assert.deepEqual(stages, { [v1]: ['AWSPREVIOUS', 'custom'], [v2]: ['AWSCURRENT'] });
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'custom' }))).SecretString, 'one');
    });

    it('UpdateSecret changes metadata, and with a value adds a version under the new key', async () => {
      const name = uniqueName('upd');
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
      const noValue = await sm.send(new UpdateSecretCommand({ SecretId: name, Description: 'new', KmsKeyId: key.KeyId }));
      assert.equal(noValue.VersionId, undefined);
      const withValue = await sm.send(new UpdateSecretCommand({ SecretId: name, SecretString: 'two' }));
      assert.ok(withValue.VersionId);
      const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(described.Description, 'new');
      assert.equal(described.KmsKeyId, key.KeyId);
      const versions = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name }));
      const current = versions.Versions?.find((v) => v.VersionId === withValue.VersionId);
      assert.deepEqual(current?.KmsKeyIds, [key.Arn]);
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'two');
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }))).SecretString, 'one');
    });

    it('fails GetSecretValue when the secret key is disabled', async () => {
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
      const name = uniqueName('disabled');
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'locked', KmsKeyId: key.Arn }));
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await expectError(sm.send(new GetSecretValueCommand({ SecretId: name })), 'DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
      await expectError(sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'new' })), 'EncryptionFailure');
      await expectError(sm.send(new CreateSecretCommand({ Name: uniqueName(), SecretString: 'x', KmsKeyId: key.KeyId })), 'EncryptionFailure');
      await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'locked');
    });

    it('BatchGetSecretValue reads by id list and by filter, reporting failures per secret', async () => {
      const base = uniqueName('batch');
      for (const n of ['a', 'b', 'c']) await sm.send(new CreateSecretCommand({ Name: `${base}/${n}`, SecretString: n }));
      await sm.send(new CreateSecretCommand({ Name: `${base}/empty` }));
      const byIds = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: [`${base}/a`, `${base}/c`, `${base}/none`] }));
      assert.deepEqual(byIds.SecretValues?.map((v) => v.SecretString), ['a', 'c']);
      assert.deepEqual(byIds.Errors?.map((e) => [e.SecretId, e.ErrorCode, e.Message]), [[`${base}/none`, 'ResourceNotFoundException', NOT_FOUND]]);
      const first = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: [base] }], MaxResults: 2 }));
      assert.deepEqual(first.SecretValues?.map((v) => v.SecretString), ['a', 'b']);
      assert.ok(first.NextToken);
      const second = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: [base] }], MaxResults: 2, NextToken: first.NextToken }));
      assert.deepEqual(second.SecretValues?.map((v) => v.SecretString), ['c']);
      assert.equal(second.Errors?.[0]?.ErrorCode, 'ResourceNotFoundException');
      assert.equal(second.NextToken, undefined);
      await expectError(sm.send(new BatchGetSecretValueCommand({ SecretIdList: [`${base}/a`], Filters: [{ Key: 'name', Values: [base] }] })), 'InvalidParameterException');
    });

    it('concurrent PutSecretValue calls leave exactly one AWSCURRENT and one AWSPREVIOUS', async () => {
      const name = uniqueName('race');
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v0' }));
      const puts = await Promise.all(Array.from({ length: 10 }, (_, i) => sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: `v${i + 1}` }))));
      const stages = (await sm.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages ?? {};
      const labels = Object.values(stages).flat();
      assert.equal(labels.filter((l) => l === 'AWSCURRENT').length, 1);
      assert.equal(labels.filter((l) => l === 'AWSPREVIOUS').length, 1);
      const all = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
      assert.equal(all.Versions?.length, 11);
      const current = await sm.send(new GetSecretValueCommand({ SecretId: name }));
      assert.ok(puts.some((p) => p.VersionId === current.VersionId));
    });

    it('keeps at most 100 versions, refusing more while none can be removed', async () => {
      const name = uniqueName('limit');
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v0' }));
      for (let i = 1; i < 100; i++) await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: `v${i}` }));
      await expectError(sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'one too many' })), 'LimitExceededException');
      const all = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
      assert.equal(all.Versions?.length, 100);
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'v99');
    });

    it('answers ResourceNotFoundException for unknown secrets', async () => {
      await expectError(sm.send(new GetSecretValueCommand({ SecretId: 'no/such/secret' })), 'ResourceNotFoundException', NOT_FOUND);
      await expectError(sm.send(new DescribeSecretCommand({ SecretId: `arn:aws:secretsmanager:${server.region}:${server.accountId}:secret:nothing-AbCdEf` })), 'ResourceNotFoundException', NOT_FOUND);
      await expectError(sm.send(new PutSecretValueCommand({ SecretId: 'no/such/secret', SecretString: 'x' })), 'ResourceNotFoundException', NOT_FOUND);
      const empty = uniqueName('empty');
      await sm.send(new CreateSecretCommand({ Name: empty }));
      await expectError(sm.send(new GetSecretValueCommand({ SecretId: empty })), 'ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
      await expectError(sm.send(new CreateSecretCommand({ Name: 'bad name' })), 'InvalidParameterException');
    });
  });
}
