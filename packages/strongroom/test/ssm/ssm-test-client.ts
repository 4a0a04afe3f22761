/** Shared by the SSM end-to-end tests: an SDK client for the test server and error assertions. */
import assert from 'node:assert/strict';
import { SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import type { TestServer } from '../../src/testing/test-server.ts';

export function ssmClient(server: TestServer, region = server.region): SSMClient {
  return new SSMClient({ endpoint: server.url, region, credentials: server.credentials, maxAttempts: 1 });
}

/** Asserts the call fails with `name` (and `message`, when given) and HTTP 400. */
export async function expectError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<SSMServiceException> {
  const error = await promise.then(
    () => assert.fail(`expected ${name}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SSMServiceException, `not an SSM exception: ${String(error)}`);
  assert.equal(error.name, name, `${error.name}: ${error.message}`);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  assert.equal(error.$metadata.httpStatusCode, 400);
  return error;
}

export function uniquePath(prefix = 'test'): string {
  return `/${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
