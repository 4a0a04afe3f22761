/** KMS tags and key policies through the AWS SDK v3: TagResource, UntagResource, ListResourceTags, GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EncryptCommand,
  GetKeyPolicyCommand,
  ListKeyPoliciesCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type KMSClient,
  type Tag,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, kmsClient, newKey } from './kms-test-client.ts';

const defaultPolicy = (account: string) =>
  '{\n  "Version" : "2012-10-17",\n  "Id" : "key-default-1",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n' +
  `    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::${account}:root"\n    },\n` +
  '    "Action" : "kms:*",\n    "Resource" : "*"\n  } ]\n}';

for (const engine of testStoreEngines()) {
  describe(`KMS tags and key policies [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      kms = kmsClient(server);
    });
    after(() => server?.stop());

    it('tags from CreateKey and TagResource are listed in key order; UntagResource removes them', async () => {
      const key = await newKey(kms, { Tags: [{ TagKey: 'team', TagValue: 'payments' }] });
      await kms.send(new TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'billing' }, { TagKey: 'empty', TagValue: '' }] }));
      let { Tags, Truncated } = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
      assert.deepEqual(Tags, [{ TagKey: 'empty', TagValue: '' }, { TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'billing' }]);
      assert.equal(Truncated, false);
      await kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['env', 'never-there'] }));
      ({ Tags } = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId })));
      assert.deepEqual(Tags?.map((t) => t.TagKey), ['empty', 'team']);
    });

    it('ListResourceTags pages with Limit and Marker', async () => {
      const tags: Tag[] = Array.from({ length: 5 }, (_, i) => ({ TagKey: `k${i}`, TagValue: `v${i}` }));
      const key = await newKey(kms, { Tags: tags });
      const first = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 3 }));
      assert.equal(first.Truncated, true);
      const second = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 3, Marker: first.NextMarker }));
      assert.deepEqual([...first.Tags!, ...second.Tags!], tags);
      assert.equal(second.Truncated, false);
    });

    it('enforces AWS tag rules: 50 per key, no aws: prefix, no duplicates, lengths', async () => {
      const key = await newKey(kms);
      const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${i}`, TagValue: 'v' }));
      await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: many(49, 'a') }));
      await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a0', TagValue: 'overwrite' }, { TagKey: 'last', TagValue: 'v' }] }));
      await expectError(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'one-too-many', TagValue: 'v' }] })), 'TagException', 'Too many tags');
      await expectError(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'aws:owner', TagValue: 'v' }] })), 'TagException', 'Tags beginning with aws: are reserved');
      await expectError(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a0', TagValue: '1' }, { TagKey: 'a0', TagValue: '2' }] })), 'TagException', 'Duplicate tag keys');
      await expectError(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'x'.repeat(129), TagValue: 'v' }] })), 'ValidationException', /'tags\.1\.member\.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128/);
      const { Tags } = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
      assert.equal(Tags?.length, 50);
      assert.equal(Tags?.find((t) => t.TagKey === 'a0')?.TagValue, 'overwrite');
    });

    it('refuses tag changes on keys pending deletion but still lists their tags', async () => {
      const key = await newKey(kms, { Tags: [{ TagKey: 'keep', TagValue: 'me' }] });
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await expectError(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
      await expectError(kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['keep'] })), 'KMSInvalidStateException');
      assert.equal((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags?.length, 1);
    });

    it('writes AWS\'s default key policy and lists its one policy name', async () => {
      const key = await newKey(kms);
      const { Policy, PolicyName } = await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
      assert.equal(Policy, defaultPolicy(server.accountId));
      assert.equal(PolicyName, 'default');
      const listed = await kms.send(new ListKeyPoliciesCommand({ KeyId: key.KeyId }));
      assert.deepEqual(listed.PolicyNames, ['default']);
      assert.equal(listed.Truncated, false);
    });

    it('stores a put or created policy exactly as given, and refuses malformed ones', async () => {
      const root = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:root` }, Action: 'kms:*', Resource: '*' };
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [root, { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] });
      const created = await newKey(kms, { Policy: policy });
      assert.equal((await kms.send(new GetKeyPolicyCommand({ KeyId: created.KeyId, PolicyName: 'default' }))).Policy, policy);

      const key = await newKey(kms);
      const spaced = `{ "Version": "2012-10-17",\n  "Statement": [ ${JSON.stringify(root)} ] }`;
      await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: spaced }));
      assert.equal((await kms.send(new GetKeyPolicyCommand({ KeyId: key.Arn }))).Policy, spaced);
      await expectError(kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: '{"Version": ' })), 'MalformedPolicyDocumentException');
      await expectError(kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: JSON.stringify({ Pad: 'x'.repeat(33_000) }) })), 'MalformedPolicyDocumentException');
      await expectError(kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'other' })), 'NotFoundException');
      assert.equal((await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy, spaced);
    });

    it('a key policy that does not enable the account makes IAM permissions irrelevant, even the administrator\'s', async () => {
      const lockedOut = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] });
      const key = await newKey(kms, { Policy: lockedOut, BypassPolicyLockoutSafetyCheck: true });
      await expectError(kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId })), 'AccessDeniedException');
      await expectError(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'AccessDeniedException');
    });
  });
}
