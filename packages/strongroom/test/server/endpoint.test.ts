/**
 * The shared endpoint's behaviour outside any one operation: routing errors in
 * each protocol's own form, the body limit, request ids, the health endpoint.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { queryErrorCode, sendSigned, stsQuery } from '../support/raw-request.ts';

describe('the endpoint', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(testStoreEngines()[0]);
  });
  after(() => server?.stop());

  it('answers an unknown awsJson target with UnknownOperationException', async () => {
    const response = await sendSigned({
      url: server.url, service: 'kms', region: server.region, credentials: server.credentials,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Frobnicate' }, body: '{}',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.equal(JSON.parse(response.text).__type, 'UnknownOperationException');
    assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('refuses an unsigned awsJson request with MissingAuthenticationTokenException', async () => {
    const response = await sendSigned({
      url: server.url, service: 'kms', region: server.region,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys' }, body: '{}',
    });
    assert.equal(JSON.parse(response.text).__type, 'MissingAuthenticationTokenException');
  });

  it('refuses a signature scoped to another service', async () => {
    const response = await sendSigned({ url: server.url, service: 'iam', region: server.region, credentials: server.credentials, ...stsQuery('GetCallerIdentity') });
    assert.ok(response.status >= 400);
    assert.notEqual(queryErrorCode(response.text), undefined);
  });

  it('refuses a body over the limit before buffering it', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Encrypt' },
      body: 'x'.repeat(3 * 1024 * 1024),
    });
    assert.equal(response.status, 413);
    assert.equal(response.headers.get('x-amzn-errortype'), 'RequestEntityTooLarge');
  });

  it('serves /_strongroom/health', async () => {
    const response = await fetch(`${server.url}/_strongroom/health`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; version: string };
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });
});
