/** Secrets Manager end to end: listing and filters, deletion and recovery, tags, random passwords, resource policies. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ValidateResourcePolicyCommand,
  type Filter,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, smClient, uniqueName } from './sm-test-client.ts';

const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";

for (const engine of testStoreEngines()) {
  describe(`Secrets Manager lifecycle [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let sm: SecretsManagerClient;
    before(async () => {
      server = await startTestServer(engine);
      sm = smClient(server);
    });
    after(() => server?.stop());

    it('lists secrets with filters and pagination', async () => {
      const base = uniqueName('list');
      const names = [`${base}/alpha`, `${base}/beta`, `${base}/gamma`];
      await sm.send(new CreateSecretCommand({ Name: names[0], SecretString: 'a', Description: 'First Database', Tags: [{ Key: 'env', Value: 'prod' }] }));
      await sm.send(new CreateSecretCommand({ Name: names[1], SecretString: 'b', Tags: [{ Key: 'env', Value: 'dev' }] }));
      await sm.send(new CreateSecretCommand({ Name: names[2], Description: 'third' }));
      const byName = await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [base] }] }));
      assert.deepEqual(byName.SecretList?.map((s) => s.Name), names);
      assert.ok(byName.SecretList?.[0]?.SecretVersionsToStages);
      const listNames = async (filters: Filter[] = []) =>
        (await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [base] }, ...filters] }))).SecretList?.map((s) => s.Name);
      assert.deepEqual(await listNames([{ Key: 'description', Values: ['first'] }]), [names[0]]);
      assert.deepEqual(await listNames([{ Key: 'tag-key', Values: ['env'] }]), [names[0], names[1]]);
      assert.deepEqual(await listNames([{ Key: 'tag-value', Values: ['prod', 'dev'] }]), [names[0], names[1]]);
      assert.deepEqual(await listNames([{ Key: 'tag-value', Values: ['!prod'] }]), [names[1], names[2]]);
      assert.deepEqual(await listNames([{ Key: 'all', Values: ['THIRD'] }]), [names[2]]);

      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [base] }], MaxResults: 2, NextToken }));
        assert.ok((page.SecretList?.length ?? 0) <= 2);
        seen.push(...(page.SecretList ?? []).map((s) => s.Name!));
        NextToken = page.NextToken;
      } while (NextToken);
      assert.deepEqual(seen, names);
      const desc = await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [base] }], SortOrder: 'desc' }));
      assert.deepEqual(desc.SecretList?.map((s) => s.Name), [...names].reverse());
      await expectError(sm.send(new ListSecretsCommand({ NextToken: 'garbage' })), 'InvalidNextTokenException');
    });

    it('schedules deletion, refuses access meanwhile, restores', async () => {
      const name = uniqueName('del');
      const { ARN } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }));
      await expectError(sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 6 })), 'InvalidParameterException');
      await expectError(sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })), 'InvalidParameterException');
      const before = Date.now();
      const deleted = await sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
      assert.equal(deleted.ARN, ARN);
      const days = (deleted.DeletionDate!.getTime() - before) / 86_400_000;
      assert.ok(days > 6.99 && days < 7.01, String(days));
      await expectError(sm.send(new GetSecretValueCommand({ SecretId: name })), 'InvalidRequestException', MARKED);
      await expectError(sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'y' })), 'InvalidRequestException', MARKED);
      await expectError(sm.send(new CreateSecretCommand({ Name: name, SecretString: 'y' })), 'InvalidRequestException');
      const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.ok(described.DeletedDate instanceof Date);
      const listed = async (include: boolean) =>
        (await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [name] }], IncludePlannedDeletion: include }))).SecretList?.length;
      assert.equal(await listed(false), 0);
      assert.equal(await listed(true), 1);
      await sm.send(new RestoreSecretCommand({ SecretId: name }));
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'x');
      assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate, undefined);

      const defaulted = await sm.send(new DeleteSecretCommand({ SecretId: name }));
      assert.ok(Math.abs((defaulted.DeletionDate!.getTime() - Date.now()) / 86_400_000 - 30) < 0.01);
      await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
      await expectError(sm.send(new DescribeSecretCommand({ SecretId: name })), 'ResourceNotFoundException');
      const recreated = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'new' }));
      assert.notEqual(recreated.ARN, ARN);
      await expectError(sm.send(new GetSecretValueCommand({ SecretId: ARN })), 'ResourceNotFoundException');
    });

    it('tags and untags', async () => {
      const name = uniqueName('tags');
      await sm.send(new CreateSecretCommand({ Name: name, Tags: [{ Key: 'a', Value: '1' }] }));
      await sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }] }));
      assert.deepEqual((await sm.send(new DescribeSecretCommand({ SecretId: name }))).Tags, [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }]);
      await sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['a'] }));
      assert.deepEqual((await sm.send(new DescribeSecretCommand({ SecretId: name }))).Tags, [{ Key: 'b', Value: '3' }]);
    });

    it('generates random passwords', async () => {
      const { RandomPassword } = await sm.send(new GetRandomPasswordCommand({}));
      assert.equal(RandomPassword?.length, 32);
      const digits = await sm.send(new GetRandomPasswordCommand({ PasswordLength: 20, ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true }));
      assert.match(digits.RandomPassword!, /^[0-9]{20}$/);
      await expectError(sm.send(new GetRandomPasswordCommand({ PasswordLength: 5000 })), 'ValidationException');
    });

    it('puts, validates and deletes resource policies, blocking public ones', async () => {
      const name = uniqueName('policy');
      const { ARN } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'p' }));
      const own = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
      });
      const open = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
      assert.equal((await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: own }))).PolicyValidationPassed, true);
      assert.equal((await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: open }))).PolicyValidationPassed, false);
      await expectError(sm.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: open, BlockPublicPolicy: true })), 'PublicPolicyException');
      await expectError(sm.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: '{"Statement": 5}' })), 'MalformedPolicyDocumentException');
      const put = await sm.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: own }));
      assert.equal(put.ARN, ARN);
      assert.equal((await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy, own);
      await sm.send(new DeleteResourcePolicyCommand({ SecretId: name }));
      assert.equal((await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy, undefined);
    });
  });
}
