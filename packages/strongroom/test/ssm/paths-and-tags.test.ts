/** GetParametersByPath (one level, recursive, pagination, filters), DescribeParameters filters, and tagging. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddTagsToResourceCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  paginateDescribeParameters,
  paginateGetParametersByPath,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectError, ssmClient, uniquePath } from './ssm-test-client.ts';

for (const engine of testStoreEngines()) {
  describe(`SSM paths, filters and tags [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let ssm: SSMClient;
    let root: string;
    before(async () => {
      server = await startTestServer(engine);
      ssm = ssmClient(server);
      root = uniquePath('tree');
      const put = (Name: string, Type: 'String' | 'SecureString' = 'String', extra = {}) => ssm.send(new PutParameterCommand({ Name, Value: Name, Type, ...extra }));
      await put(`${root}/a`);
      await put(`${root}/b`, 'SecureString');
      await put(`${root}/c/d`);
      await put(`${root}/c/e/f`, 'String', { Tags: [{ Key: 'team', Value: 'blue' }] });
      await put(`${root}0`); // sorts right after "<root>/…": must never match the path
      await put(`${root}-x/a`);
    });
    after(() => server?.stop());

    async function byPath(Path: string, Recursive: boolean, extra = {}): Promise<string[]> {
      const names: string[] = [];
      for await (const page of paginateGetParametersByPath({ client: ssm, pageSize: 2 }, { Path, Recursive, ...extra })) {
        names.push(...(page.Parameters ?? []).map((p) => p.Name!));
      }
      return names;
    }

    it('lists one level or recursively, in name order, across pages', async () => {
      assert.deepEqual(await byPath(root, false), [`${root}/a`, `${root}/b`]);
      assert.deepEqual(await byPath(`${root}/`, false), [`${root}/a`, `${root}/b`]);
      assert.deepEqual(await byPath(root, true), [`${root}/a`, `${root}/b`, `${root}/c/d`, `${root}/c/e/f`]);
      assert.deepEqual(await byPath(`${root}/c`, true), [`${root}/c/d`, `${root}/c/e/f`]);
      assert.deepEqual(await byPath(`${root}/nothing`, true), []);
      const top = await byPath('/', false);
      assert.ok(top.includes(`${root}0`) && !top.includes(`${root}/a`));
      assert.ok((await byPath('/', true)).includes(`${root}/c/e/f`));
    });

    it('applies ParameterFilters and checks them as AWS does', async () => {
      assert.deepEqual(await byPath(root, true, { ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] }), [`${root}/b`]);
      assert.deepEqual(await byPath(root, true, { ParameterFilters: [{ Key: 'tag:team', Values: ['blue'] }] }), [`${root}/c/e/f`]);
      await ssm.send(new LabelParameterVersionCommand({ Name: `${root}/c/d`, Labels: ['live'] }));
      assert.deepEqual(await byPath(root, true, { ParameterFilters: [{ Key: 'Label', Values: ['live'] }] }), [`${root}/c/d`]);
      await expectError(ssm.send(new GetParametersByPathCommand({ Path: root, ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })), 'InvalidFilterKey');
      await expectError(ssm.send(new GetParametersByPathCommand({ Path: root, MaxResults: 11 })), 'ValidationException');
      await expectError(ssm.send(new GetParametersByPathCommand({ Path: root, NextToken: 'garbage' })), 'InvalidNextToken');
      await expectError(ssm.send(new GetParametersByPathCommand({ Path: 'no-slash' })), 'ValidationException');
    });

    it('describes parameters with Name, Path, Type and tag filters', async () => {
      const describe = async (ParameterFilters: Array<{ Key: string; Option?: string; Values: string[] }>) => {
        const names: string[] = [];
        for await (const page of paginateDescribeParameters({ client: ssm, pageSize: 3 }, { ParameterFilters })) names.push(...(page.Parameters ?? []).map((p) => p.Name!));
        return names;
      };
      assert.deepEqual(await describe([{ Key: 'Path', Option: 'Recursive', Values: [`${root}/c`] }]), [`${root}/c/d`, `${root}/c/e/f`]);
      assert.deepEqual(await describe([{ Key: 'Path', Values: [root] }]), [`${root}/a`, `${root}/b`]);
      assert.deepEqual(await describe([{ Key: 'Name', Option: 'BeginsWith', Values: [`${root}/c`] }]), [`${root}/c/d`, `${root}/c/e/f`]);
      assert.deepEqual(await describe([{ Key: 'Name', Option: 'Contains', Values: [`${root.slice(1)}/c/e`] }]), [`${root}/c/e/f`]);
      assert.deepEqual(await describe([{ Key: 'Name', Values: [`${root}/a`] }]), [`${root}/a`]);
      assert.deepEqual(await describe([{ Key: 'Type', Values: ['SecureString'] }, { Key: 'Path', Option: 'Recursive', Values: [root] }]), [`${root}/b`]);
      assert.deepEqual(await describe([{ Key: 'tag:team', Values: ['blue'] }]), [`${root}/c/e/f`]);
      const meta = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: [`${root}/b`] }] }));
      const b = meta.Parameters?.[0];
      assert.deepEqual([b?.Type, b?.KeyId, b?.Tier, b?.Version, b?.DataType], ['SecureString', 'alias/aws/ssm', 'Standard', 1, 'text']);
      assert.equal(b?.ARN, `arn:aws:ssm:${server.region}:${server.accountId}:parameter${root}/b`);
      await expectError(ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Type', Values: ['Bogus'] }] })), 'InvalidFilterValue');
      await expectError(ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Recursive', Values: ['x'] }] })), 'InvalidFilterOption');
      await expectError(
        ssm.send(new DescribeParametersCommand({ Filters: [{ Key: 'Name', Values: ['x'] }], ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })),
        'ValidationException',
      );
    });

    it('answers a documented set of public /aws/service parameters', async () => {
      const name = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
      assert.match(Parameter!.Value!, /^ami-[0-9a-f]{17}$/);
      assert.equal(Parameter?.ARN, `arn:aws:ssm:${server.region}::parameter${name}`);
      assert.equal((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value, Parameter?.Value);
      const amis = await byPath('/aws/service/ami-amazon-linux-latest', false);
      assert.ok(amis.length >= 5 && amis.includes(name));
      assert.deepEqual(await byPath('/aws/service/global-infrastructure', true), [
        '/aws/service/global-infrastructure/current-region',
        `/aws/service/global-infrastructure/regions/${server.region}`,
      ]);
      await expectError(ssm.send(new GetParameterCommand({ Name: '/aws/service/not/there' })), 'ParameterNotFound');
    });

    it('tags parameters', async () => {
      const name = `${root}/a`;
      await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: name, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'red' }] }));
      await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: name, Tags: [{ Key: 'env', Value: 'prod' }] }));
      await ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: name, TagKeys: ['team'] }));
      const { TagList } = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }));
      assert.deepEqual(TagList, [{ Key: 'env', Value: 'prod' }]);
      await expectError(ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: `${root}/missing` })), 'InvalidResourceId');
      await expectError(ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Document', ResourceId: 'x' })), 'InvalidResourceType');
      const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await expectError(ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: name, Tags: fifty })), 'TooManyTagsError');
    });
  });
}
