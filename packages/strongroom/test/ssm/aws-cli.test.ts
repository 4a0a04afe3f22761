/** Parameter Store through the AWS CLI (/usr/bin/aws) against the in-process test server, including automatic pagination. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { ssmClient } from './ssm-test-client.ts';


for (const engine of testStoreEngines()) {
  describe(`SSM through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server?.stop());

    const aws = (...args: string[]) => runAwsCli(server, ['ssm', ...args]);
    const ok = (...args: string[]) => awsCliJson(server, ['ssm', ...args]);

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
