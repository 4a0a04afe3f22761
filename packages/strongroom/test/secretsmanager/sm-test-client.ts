/** Shared by the Secrets Manager end-to-end tests: an SDK client for the test server and error assertions. */
import assert from 'node:assert/strict';
import { SecretsManagerClient, SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import type { TestServer } from '../../src/testing/test-server.ts';

export function smClient(server: TestServer, region = server.region, credentials = server.credentials): SecretsManagerClient {
  return new SecretsManagerClient({ endpoint: server.url, region, credentials, maxAttempts: 1 });
}

/** Asserts the call fails with `name` (and `message`, when given) and HTTP 400. */
export async function expectError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<SecretsManagerServiceException> {
  const error = await promise.then(
    () => assert.fail(`expected ${name}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SecretsManagerServiceException, `not a Secrets Manager exception: ${String(error)}`);
  assert.equal(error.name, name, `${error.name}: ${error.message}`);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  assert.equal(error.$metadata.httpStatusCode, 400);
  return error;
}

export function uniqueName(prefix = 'test'): string {
  return `${prefix}/${Math.random().toString(36).slice(2, 10)}`;
}
