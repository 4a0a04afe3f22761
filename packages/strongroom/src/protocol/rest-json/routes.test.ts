import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaSpec } from '../spec/generated/lambda.spec.ts';
import type { ServiceSpec } from '../spec/spec-types.ts';
import { matchRoute } from './routes.ts';

const match = (method: string, path: string, query = '') => {
  const m = matchRoute(lambdaSpec, method, path, new URLSearchParams(query));
  return m && { op: m.operation.name, labels: m.labels };
};

test('routes Lambda requests by method and URI template', () => {
  assert.deepEqual(match('POST', '/2015-03-31/functions'), { op: 'CreateFunction', labels: {} });
  assert.deepEqual(match('GET', '/2015-03-31/functions/'), { op: 'ListFunctions', labels: {} });
  assert.deepEqual(match('GET', '/2015-03-31/functions/my-fn'), { op: 'GetFunction', labels: { FunctionName: 'my-fn' } });
  assert.deepEqual(match('DELETE', '/2015-03-31/functions/my-fn'), { op: 'DeleteFunction', labels: { FunctionName: 'my-fn' } });
  assert.deepEqual(match('GET', '/2015-03-31/functions/my-fn/configuration'), { op: 'GetFunctionConfiguration', labels: { FunctionName: 'my-fn' } });
  assert.deepEqual(match('POST', '/2015-03-31/functions/my-fn/invocations'), { op: 'Invoke', labels: { FunctionName: 'my-fn' } });
  assert.deepEqual(match('DELETE', '/2015-03-31/functions/my-fn/policy/sid-1'), { op: 'RemovePermission', labels: { FunctionName: 'my-fn', StatementId: 'sid-1' } });
  assert.deepEqual(match('PUT', '/2015-03-31/functions/my-fn/code'), { op: 'UpdateFunctionCode', labels: { FunctionName: 'my-fn' } });
});

test('labels are percent-decoded after splitting, so an encoded ARN stays one label', () => {
  assert.deepEqual(match('GET', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A111122223333%3Afunction%3Afn/policy'), {
    op: 'GetPolicy',
    labels: { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:fn' },
  });
  assert.deepEqual(match('GET', '/2015-03-31/functions/a%2Fb'), { op: 'GetFunction', labels: { FunctionName: 'a/b' } });
});

test('unknown paths and methods match nothing; a malformed escape matches nothing', () => {
  assert.equal(match('PATCH', '/2015-03-31/functions/my-fn'), undefined);
  assert.equal(match('GET', '/2015-03-31/nothing'), undefined);
  assert.equal(match('GET', '/2015-03-31/functions/my-fn/invocations/extra'), undefined);
  assert.equal(match('GET', '/2015-03-31/functions/%E0%A4%A'), undefined);
});

test('greedy labels take the rest of the path; literal query parts of a template must be present', () => {
  const spec: ServiceSpec = {
    signingName: 's3',
    endpointPrefix: 's3',
    protocol: 'rest-xml',
    apiVersion: '2006-03-01',
    serviceId: 'S3',
    shapes: {},
    operations: {
      GetObject: { name: 'GetObject', errors: [], http: { method: 'GET', requestUri: '/{Bucket}/{Key+}' } },
      GetObjectAcl: { name: 'GetObjectAcl', errors: [], http: { method: 'GET', requestUri: '/{Bucket}/{Key+}?acl' } },
    },
  };
  assert.deepEqual(matchRoute(spec, 'GET', '/b/dir/file.txt', new URLSearchParams())?.labels, { Bucket: 'b', Key: 'dir/file.txt' });
  assert.equal(matchRoute(spec, 'GET', '/b/dir/file.txt', new URLSearchParams('acl'))?.operation.name, 'GetObjectAcl');
  assert.equal(matchRoute(spec, 'GET', '/b/dir/file.txt', new URLSearchParams())?.operation.name, 'GetObject');
});
