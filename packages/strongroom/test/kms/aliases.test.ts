/** KMS aliases through the AWS SDK v3: CreateAlias, UpdateAlias, DeleteAlias, ListAliases. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
  type AliasListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey, uniqueAlias } from './kms-test-client.ts';

const PREFIX_MESSAGE = 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html';

for (const engine of testStoreEngines()) {
  describe(`KMS aliases [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
    });
    after(() => server?.stop());

    async function allAliases(keyId?: string, limit?: number): Promise<AliasListEntry[]> {
      const out: AliasListEntry[] = [];
      let marker: string | undefined;
      do {
        const page = await kms.send(new ListAliasesCommand({ KeyId: keyId, Limit: limit, Marker: marker }));
        out.push(...page.Aliases!);
        marker = page.NextMarker;
        assert.equal(page.Truncated, marker !== undefined);
      } while (marker);
      return out;
    }

    it('CreateAlias names a key; ListAliases shows it with ARN and dates', async () => {
      const key = await newKey(kms);
      const alias = uniqueAlias();
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.Arn }));
      const entries = await allAliases(key.KeyId);
      assert.equal(entries.length, 1);
      assert.equal(entries[0].AliasName, alias);
      assert.equal(entries[0].AliasArn, `arn:aws:kms:us-east-1:000000000000:${alias}`);
      assert.equal(entries[0].TargetKeyId, key.KeyId);
      assert.ok(entries[0].CreationDate instanceof Date);
      assert.ok(entries[0].LastUpdatedDate instanceof Date);
    });

    it('CreateAlias refuses taken names, reserved names, names without the prefix, aliases as targets', async () => {
      const key = await newKey(kms);
      const alias = uniqueAlias();
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
      await expectError(kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId })), 'AlreadyExistsException',
        `An alias with the name arn:aws:kms:us-east-1:000000000000:${alias} already exists`);
      await expectError(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: key.KeyId })), 'NotAuthorizedException');
      await expectError(kms.send(new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: key.KeyId })), 'ValidationException', PREFIX_MESSAGE);
      await expectError(kms.send(new CreateAliasCommand({ AliasName: uniqueAlias(), TargetKeyId: alias })), 'ValidationException', 'Aliases must refer to keys. Not aliases');
      await expectError(kms.send(new CreateAliasCommand({ AliasName: 'alias/bad name', TargetKeyId: key.KeyId })), 'ValidationException', /Member must satisfy regular expression pattern/);
      const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
      await expectError(kms.send(new CreateAliasCommand({ AliasName: uniqueAlias(), TargetKeyId: missing })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist`);
    });

    it('CreateAlias refuses a key pending deletion', async () => {
      const key = await newKey(kms);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await expectError(kms.send(new CreateAliasCommand({ AliasName: uniqueAlias(), TargetKeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    it('UpdateAlias points the alias at another key', async () => {
      const [a, b] = [await newKey(kms), await newKey(kms)];
      const alias = uniqueAlias();
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: a.KeyId }));
      await kms.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: b.KeyId }));
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: alias }));
      assert.equal(KeyMetadata?.KeyId, b.KeyId);
      assert.deepEqual((await allAliases(a.KeyId)).map((e) => e.AliasName), []);
      await expectError(kms.send(new UpdateAliasCommand({ AliasName: 'alias/never-made', TargetKeyId: b.KeyId })), 'NotFoundException', 'Alias arn:aws:kms:us-east-1:000000000000:alias/never-made is not found.');
      await expectError(kms.send(new UpdateAliasCommand({ AliasName: 'alias/aws/ssm', TargetKeyId: b.KeyId })), 'NotAuthorizedException');
    });

    it('DeleteAlias removes the alias and leaves the key', async () => {
      const key = await newKey(kms);
      const alias = uniqueAlias();
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
      await kms.send(new DeleteAliasCommand({ AliasName: alias }));
      await expectError(kms.send(new DescribeKeyCommand({ KeyId: alias })), 'NotFoundException', `Alias arn:aws:kms:us-east-1:000000000000:${alias} is not found.`);
      await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      await expectError(kms.send(new DeleteAliasCommand({ AliasName: alias })), 'NotFoundException');
      await expectError(kms.send(new DeleteAliasCommand({ AliasName: 'alias/aws/ssm' })), 'NotAuthorizedException');
    });

    it('DescribeKey of a predefined AWS alias creates its AWS managed key once; customers cannot change it', async () => {
      const { KeyMetadata: managed } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }));
      assert.equal(managed?.KeyManager, 'AWS');
      assert.equal(managed?.Description, 'Default key that protects my SSM parameters when no other key is defined');
      const { KeyMetadata: again } = await kms.send(new DescribeKeyCommand({ KeyId: 'arn:aws:kms:us-east-1:000000000000:alias/aws/ssm' }));
      assert.equal(again?.KeyId, managed?.KeyId);
      assert.deepEqual((await allAliases(managed?.KeyId)).map((e) => e.AliasName), ['alias/aws/ssm']);
      await expectError(kms.send(new ScheduleKeyDeletionCommand({ KeyId: managed?.KeyId })), 'AccessDeniedException',
        `User: arn:aws:iam::000000000000:user/admin is not authorized to perform: kms:ScheduleKeyDeletion on resource: ${managed?.Arn} because no resource-based policy allows the kms:ScheduleKeyDeletion action`);
      await expectError(kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/not-a-service' })), 'NotFoundException');
    });

    it('ListAliases pages with Limit and Marker and filters by KeyId', async () => {
      const key = await newKey(kms);
      const names = Array.from({ length: 5 }, () => uniqueAlias('page'));
      for (const name of names) await kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: key.KeyId }));
      const paged = await allAliases(key.KeyId, 2);
      assert.deepEqual(paged.map((e) => e.AliasName).sort(), [...names].sort());
      const everything = await allAliases(undefined, 3);
      assert.ok(names.every((n) => everything.some((e) => e.AliasName === n)));
      await expectError(kms.send(new ListAliasesCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' })), 'NotFoundException');
      await expectError(kms.send(new ListAliasesCommand({ Marker: 'bogus' })), 'InvalidMarkerException');
    });
  });
}
