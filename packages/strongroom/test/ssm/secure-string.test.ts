/** SecureString parameters: encrypted through KMS with the parameter ARN as encryption context; decrypted only WithDecryption. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, ssmClient, uniquePath } from './ssm-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`SSM SecureString [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let ssm: SSMClient;
    let kms: KMSClient;
    before(async () => {
      server = await startTestServer(engine);
      ssm = ssmClient(server);
      kms = new KMSClient({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1 });
    });
    after(() => server?.stop());

    it('encrypts under alias/aws/ssm by default, created on first use', async () => {
      const path = uniquePath('secure');
      const name = `${path}/password`;
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'hunter2', Type: 'SecureString' }));
      const managed = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }));
      assert.equal(managed.KeyMetadata?.KeyManager, 'AWS');

      const plain = (await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter;
      assert.deepEqual([plain?.Value, plain?.Type], ['hunter2', 'SecureString']);
      const encrypted = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
      assert.ok(encrypted && encrypted !== 'hunter2');

      // The AWS managed key's policy allows its use only through Parameter Store (kms:ViaService), as on AWS.
      const arn = `arn:aws:ssm:${server.region}:${server.accountId}:parameter${name}`;
      await assert.rejects(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(encrypted, 'base64'), EncryptionContext: { PARAMETER_ARN: arn } })), /AccessDenied/);

      const meta = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: [name] }] }));
      assert.equal(meta.Parameters?.[0]?.KeyId, 'alias/aws/ssm');

      const byPath = await ssm.send(new GetParametersByPathCommand({ Path: path, WithDecryption: true }));
      assert.deepEqual(byPath.Parameters?.map((p) => p.Value), ['hunter2']);
      const many = await ssm.send(new GetParametersCommand({ Names: [name], WithDecryption: true }));
      assert.deepEqual(many.Parameters?.map((p) => p.Value), ['hunter2']);
      const history = await ssm.send(new GetParameterHistoryCommand({ Name: name, WithDecryption: true }));
      assert.deepEqual(history.Parameters?.map((p) => p.Value), ['hunter2']);
    });

    it('uses a customer key by id or alias, and keeps it on overwrite', async () => {
      const key = await kms.send(new CreateKeyCommand({}));
      const keyId = key.KeyMetadata!.KeyId!;
      const name = uniquePath('cmk');
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'one', Type: 'SecureString', KeyId: keyId }));
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'two', Overwrite: true }));
      const encrypted = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!.Value!;
      const arn = `arn:aws:ssm:${server.region}:${server.accountId}:parameter${name}`;
      const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(encrypted, 'base64'), EncryptionContext: { PARAMETER_ARN: arn } }));
      assert.equal(decrypted.KeyId, key.KeyMetadata?.Arn);
      assert.equal(Buffer.from(decrypted.Plaintext!).toString(), 'two');
      // Bound to the parameter's ARN: without that encryption context, KMS refuses.
      await assert.rejects(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(encrypted, 'base64') })), /InvalidCiphertext/);
      assert.equal((await ssm.send(new GetParameterCommand({ Name: `${name}:1`, WithDecryption: true }))).Parameter?.Value, 'one');

      await expectError(ssm.send(new PutParameterCommand({ Name: uniquePath('badkey'), Value: 'x', Type: 'SecureString', KeyId: 'alias/does-not-exist' })), 'InvalidKeyId');
      await expectError(ssm.send(new PutParameterCommand({ Name: uniquePath('strkey'), Value: 'x', Type: 'String', KeyId: keyId })), 'ValidationException');
      await kms.send(new DisableKeyCommand({ KeyId: keyId }));
      await expectError(ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true })), 'InvalidKeyId');
      // Without decryption the ciphertext is still readable.
      assert.equal((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value, encrypted);
    });
  });
}
