/** Parameter Store through @aws-sdk/client-ssm: put, overwrite, versions, selectors, validation, delete. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  UnlabelParameterVersionCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, ssmClient, uniquePath } from './ssm-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`SSM parameters [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let ssm: SSMClient;
    before(async () => {
      server = await startTestServer(engine);
      ssm = ssmClient(server);
    });
    after(() => server?.stop());

    it('puts, gets and overwrites a String parameter, keeping versions', async () => {
      const name = `${uniquePath('app')}/db/host`;
      const put = await ssm.send(new PutParameterCommand({ Name: name, Value: 'db1', Type: 'String', Description: 'the host' }));
      assert.deepEqual([put.Version, put.Tier], [1, 'Standard']);
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
      assert.equal(Parameter?.Value, 'db1');
      assert.equal(Parameter?.Type, 'String');
      assert.equal(Parameter?.Version, 1);
      assert.equal(Parameter?.DataType, 'text');
      assert.equal(Parameter?.ARN, `arn:aws:ssm:${server.region}:${server.accountId}:parameter${name}`);
      assert.ok(Parameter?.LastModifiedDate instanceof Date);

      await expectError(
        ssm.send(new PutParameterCommand({ Name: name, Value: 'db2', Type: 'String' })),
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
      const second = await ssm.send(new PutParameterCommand({ Name: name, Value: 'db2', Overwrite: true }));
      assert.equal(second.Version, 2);
      assert.equal((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value, 'db2');
      const v1 = (await ssm.send(new GetParameterCommand({ Name: `${name}:1` }))).Parameter;
      assert.deepEqual([v1?.Value, v1?.Version, v1?.Selector, v1?.Name], ['db1', 1, ':1', name]);
      await expectError(ssm.send(new GetParameterCommand({ Name: `${name}:9` })), 'ParameterVersionNotFound', `Systems Manager could not find version 9 of ${name}. Verify the version and try again.`);

      const history = await ssm.send(new GetParameterHistoryCommand({ Name: name }));
      assert.deepEqual(
        history.Parameters?.map((p) => [p.Version, p.Value, p.Description]),
        [
          [1, 'db1', 'the host'],
          [2, 'db2', 'the host'],
        ],
      );
    });

    it('labels versions, resolves name:label, and moves labels', async () => {
      const name = uniquePath('labels');
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'a', Type: 'String' }));
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'b', Type: 'String', Overwrite: true }));
      const labelled = await ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['prod', 'aws-bad', '1st', 'ok.2'] }));
      assert.deepEqual(labelled.InvalidLabels, ['aws-bad', '1st']);
      assert.equal(labelled.ParameterVersion, 1);
      const prod = (await ssm.send(new GetParameterCommand({ Name: `${name}:prod` }))).Parameter;
      assert.deepEqual([prod?.Value, prod?.Selector], ['a', ':prod']);
      await ssm.send(new LabelParameterVersionCommand({ Name: name, Labels: ['prod'] }));
      assert.equal((await ssm.send(new GetParameterCommand({ Name: `${name}:prod` }))).Parameter?.Value, 'b');
      const history = await ssm.send(new GetParameterHistoryCommand({ Name: name }));
      assert.deepEqual(
        history.Parameters?.map((p) => p.Labels),
        [['ok.2'], ['prod']],
      );
      const unlabelled = await ssm.send(new UnlabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['prod', 'ok.2'] }));
      assert.deepEqual([unlabelled.RemovedLabels, unlabelled.InvalidLabels], [['prod'], ['ok.2']]);
      const many = Array.from({ length: 10 }, (_, i) => `l${i}`);
      await ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: many }));
      await expectError(ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['eleven'] })), 'ParameterVersionLabelLimitExceeded');
      await expectError(ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 7, Labels: ['x'] })), 'ParameterVersionNotFound');
    });

    it('GetParameters reports unknown names in InvalidParameters', async () => {
      const a = uniquePath('multi');
      await ssm.send(new PutParameterCommand({ Name: a, Value: 'x,y', Type: 'StringList' }));
      const result = await ssm.send(new GetParametersCommand({ Names: [a, `${a}-missing`, `${a}:5`] }));
      assert.deepEqual(
        result.Parameters?.map((p) => [p.Name, p.Value, p.Type]),
        [[a, 'x,y', 'StringList']],
      );
      assert.deepEqual(result.InvalidParameters, [`${a}-missing`, `${a}:5`]);
      await expectError(ssm.send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `${a}${i}`) })), 'ValidationException');
    });

    it('validates names, values, patterns, tiers and tags as AWS does', async () => {
      await expectError(ssm.send(new PutParameterCommand({ Name: 'a/b', Value: 'v', Type: 'String' })), 'ValidationException', 'Parameter name must be a fully qualified name.');
      await expectError(
        ssm.send(new PutParameterCommand({ Name: 'awsThing', Value: 'v', Type: 'String' })),
        'ValidationException',
        'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
      );
      await expectError(ssm.send(new PutParameterCommand({ Name: '/ssm/x', Value: 'v', Type: 'String' })), 'ValidationException', /can't be prefixed with "ssm"/);
      await expectError(ssm.send(new PutParameterCommand({ Name: '/aws/x', Value: 'v', Type: 'String' })), 'AccessDeniedException', 'No access to reserved parameter name: /aws/x.');
      await expectError(ssm.send(new PutParameterCommand({ Name: '/has space', Value: 'v', Type: 'String' })), 'ValidationException');
      const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
      await expectError(ssm.send(new PutParameterCommand({ Name: deep, Value: 'v', Type: 'String' })), 'HierarchyLevelLimitExceededException');
      await ssm.send(new PutParameterCommand({ Name: deep.split('/').slice(0, 16).join('/'), Value: 'v', Type: 'String' }));
      await expectError(ssm.send(new PutParameterCommand({ Name: uniquePath('notype'), Value: 'v' })), 'ValidationException', 'A parameter type is required when you create a parameter.');

      const patterned = uniquePath('pattern');
      await expectError(
        ssm.send(new PutParameterCommand({ Name: patterned, Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' })),
        'ParameterPatternMismatchException',
        'Parameter value, cannot be validated against allowedPattern: ^\\d+$',
      );
      await ssm.send(new PutParameterCommand({ Name: patterned, Value: '123', Type: 'String', AllowedPattern: '^\\d+$' }));
      // The pattern stays with the parameter and applies to every later write.
      await expectError(ssm.send(new PutParameterCommand({ Name: patterned, Value: 'x', Overwrite: true })), 'ParameterPatternMismatchException');

      const big = uniquePath('big');
      await expectError(ssm.send(new PutParameterCommand({ Name: big, Value: 'x'.repeat(4097), Type: 'String' })), 'ValidationException', /Standard tier parameters support a maximum parameter value of 4096 characters/);
      const advanced = await ssm.send(new PutParameterCommand({ Name: big, Value: 'x'.repeat(8192), Type: 'String', Tier: 'Advanced' }));
      assert.equal(advanced.Tier, 'Advanced');
      await expectError(ssm.send(new PutParameterCommand({ Name: big, Value: 'x'.repeat(8193), Overwrite: true })), 'ValidationException');
      await expectError(ssm.send(new PutParameterCommand({ Name: big, Value: 'y', Tier: 'Standard', Overwrite: true })), 'ValidationException', /can't downgrade/);
      const intelligent = await ssm.send(new PutParameterCommand({ Name: uniquePath('it'), Value: 'x'.repeat(5000), Type: 'String', Tier: 'Intelligent-Tiering' }));
      assert.equal(intelligent.Tier, 'Advanced');

      await expectError(
        ssm.send(new PutParameterCommand({ Name: big, Value: 'z', Overwrite: true, Tags: [{ Key: 'a', Value: 'b' }] })),
        'ValidationException',
        /tags and overwrite can't be used together/,
      );
      await expectError(ssm.send(new PutParameterCommand({ Name: uniquePath('ami'), Value: 'not-an-ami', Type: 'String', DataType: 'aws:ec2:image' })), 'ValidationException');
      await ssm.send(new PutParameterCommand({ Name: uniquePath('ami'), Value: 'ami-0123456789abcdef0', Type: 'String', DataType: 'aws:ec2:image' }));
      await expectError(ssm.send(new PutParameterCommand({ Name: uniquePath('dt'), Value: 'v', Type: 'String', DataType: 'Text' })), 'ValidationException', /data type is not supported/);
    });

    it('keeps parameter policies and reports them', async () => {
      const name = uniquePath('policy');
      const Policies = JSON.stringify([{ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: new Date(Date.now() + 86_400_000).toISOString() } }]);
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String', Tier: 'Advanced', Policies }));
      const { Parameters } = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: [name] }] }));
      assert.deepEqual(Parameters?.[0]?.Policies?.map((p) => [p.PolicyType, p.PolicyStatus]), [['Expiration', 'Pending']]);
      await expectError(ssm.send(new PutParameterCommand({ Name: uniquePath('policy'), Value: 'v', Type: 'String', Tier: 'Advanced', Policies: '{"not":"a list"}' })), 'InvalidPolicyAttributeException');
    });

    it('keeps at most 100 versions, refusing to drop a labelled oldest one', async () => {
      const name = uniquePath('versions');
      for (let i = 1; i <= 100; i++) await ssm.send(new PutParameterCommand({ Name: name, Value: `v${i}`, Type: 'String', Overwrite: true }));
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'v101', Type: 'String', Overwrite: true }));
      await expectError(ssm.send(new GetParameterCommand({ Name: `${name}:1` })), 'ParameterVersionNotFound');
      assert.equal((await ssm.send(new GetParameterCommand({ Name: `${name}:2` }))).Parameter?.Value, 'v2');
      await ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['keep'] }));
      await expectError(ssm.send(new PutParameterCommand({ Name: name, Value: 'v102', Type: 'String', Overwrite: true })), 'ParameterMaxVersionLimitExceeded', /Version 2, the oldest version, can't be deleted/);
      const page = await ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 50 }));
      assert.equal(page.Parameters?.length, 50);
      assert.ok(page.NextToken);
      const rest = await ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 50, NextToken: page.NextToken }));
      assert.equal(rest.Parameters?.length, 50);
      assert.equal(rest.NextToken, undefined);
      assert.equal(rest.Parameters?.at(-1)?.Version, 101);
    });

    it('settles concurrent writes of one name', async () => {
      const name = uniquePath('race');
      const creates = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => ssm.send(new PutParameterCommand({ Name: name, Value: `c${i}`, Type: 'String' }))));
      assert.equal(creates.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of creates) if (r.status === 'rejected') assert.equal((r.reason as Error).name, 'ParameterAlreadyExists');
      const other = uniquePath('race');
      const overwrites = await Promise.all(Array.from({ length: 6 }, (_, i) => ssm.send(new PutParameterCommand({ Name: other, Value: `o${i}`, Type: 'String', Overwrite: true }))));
      assert.deepEqual(overwrites.map((r) => r.Version).sort(), [1, 2, 3, 4, 5, 6]);
    });

    it('deletes parameters, one or several', async () => {
      const a = uniquePath('del');
      const b = uniquePath('del');
      await ssm.send(new PutParameterCommand({ Name: a, Value: '1', Type: 'String' }));
      await ssm.send(new PutParameterCommand({ Name: b, Value: '2', Type: 'String' }));
      await ssm.send(new DeleteParameterCommand({ Name: a }));
      await expectError(ssm.send(new GetParameterCommand({ Name: a })), 'ParameterNotFound');
      await expectError(ssm.send(new DeleteParameterCommand({ Name: a })), 'ParameterNotFound');
      const result = await ssm.send(new DeleteParametersCommand({ Names: [a, b] }));
      assert.deepEqual([result.DeletedParameters, result.InvalidParameters], [[b], [a]]);
      // A recreated parameter starts again at version 1.
      assert.equal((await ssm.send(new PutParameterCommand({ Name: a, Value: 'again', Type: 'String' }))).Version, 1);
    });
  });
}
