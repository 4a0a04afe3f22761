/** Shared by the KMS end-to-end tests: an SDK client for the test server and error assertions. */
import assert from 'node:assert/strict';
import { CreateKeyCommand, KMSClient, KMSServiceException, type CreateKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import type { TestServer } from '../../src/testing/test-server.ts';

export function kmsClient(server: TestServer, region = server.region): KMSClient {
  return new KMSClient({ endpoint: server.url, region, credentials: server.credentials, maxAttempts: 1 });
}

/** The KMS error a call fails with. */
export async function rejection(promise: Promise<unknown>): Promise<KMSServiceException> {
  const error = await promise.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof KMSServiceException, `not a KMS exception: ${String(error)}`);
  return error;
}

/** Asserts the call fails with `name` (and `message`, when given) and HTTP 400. */
export async function expectError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<KMSServiceException> {
  const error = await rejection(promise);
  assert.equal(error.name, name, `${error.name}: ${error.message}`);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  assert.equal(error.$metadata.httpStatusCode, 400);
  return error;
}

export async function newKey(kms: KMSClient, input: CreateKeyCommandInput = {}): Promise<KeyMetadata> {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand(input));
  assert.ok(KeyMetadata);
  return KeyMetadata;
}

export function uniqueAlias(prefix = 'test'): string {
  return `alias/${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
