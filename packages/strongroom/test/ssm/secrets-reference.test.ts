/** /aws/reference/secretsmanager/… parameters, answered from Secrets Manager. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, ssmClient } from './ssm-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`SSM references to Secrets Manager [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let ssm: SSMClient;
    let secretArn: string;
    before(async () => {
      server = await startTestServer(engine);
      ssm = ssmClient(server);
      const sm = new SecretsManagerClient({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1 });
      secretArn = (await sm.send(new CreateSecretCommand({ Name: 'db/password', SecretString: 'first' }))).ARN!;
      await sm.send(new PutSecretValueCommand({ SecretId: 'db/password', SecretString: 'second' }));
    });
    after(() => server?.stop());

    it('returns the current secret value, WithDecryption only', async () => {
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/db/password', WithDecryption: true }));
      assert.deepEqual([Parameter?.Value, Parameter?.Type, Parameter?.Version], ['second', 'SecureString', 0]);
      assert.equal(JSON.parse(Parameter!.SourceResult!).ARN, secretArn);
      const previous = await ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/db/password:AWSPREVIOUS', WithDecryption: true }));
      assert.equal(previous.Parameter?.Value, 'first');
      await expectError(
        ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/db/password' })),
        'ValidationException',
        'WithDecryption flag must be True for retrieving a Secret Manager secret.',
      );
      await expectError(ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/missing', WithDecryption: true })), 'ParameterNotFound');
      const many = await ssm.send(new GetParametersCommand({ Names: ['/aws/reference/secretsmanager/db/password', '/aws/reference/secretsmanager/missing'], WithDecryption: true }));
      assert.deepEqual(many.Parameters?.map((p) => p.Value), ['second']);
      assert.deepEqual(many.InvalidParameters, ['/aws/reference/secretsmanager/missing']);
    });
  });
}
