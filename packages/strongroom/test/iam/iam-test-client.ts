/** Shared by the IAM end-to-end tests: SDK clients for the test server, error assertions, policy documents. */
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, IAMServiceException } from '@aws-sdk/client-iam';
import type { TestCredentials, TestServer } from '../../src/testing/test-server.ts';

export const ACCOUNT = '000000000000';

export function iamClient(server: TestServer, credentials: TestCredentials = server.credentials): IAMClient {
  return new IAMClient({ endpoint: server.url, region: server.region, credentials, maxAttempts: 1 });
}

/** Asserts the call fails with the IAM error `name`, HTTP `status` and (when given) `message`. */
export async function expectError(promise: Promise<unknown>, name: string, status: number, message?: string | RegExp): Promise<IAMServiceException> {
  const error = await promise.then(
    () => assert.fail(`expected ${name}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof IAMServiceException, `not an IAM exception: ${String(error)}`);
  assert.equal(error.name, name, `${error.name}: ${error.message}`);
  assert.equal(error.$metadata.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  return error;
}

export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const ALLOW_ALL_KMS = policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });

export function trustAccount(account = ACCOUNT): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });
}

/** IAM URL-encodes the policy documents it returns. */
export function decodeDocument(encoded: string | undefined): unknown {
  assert.ok(encoded !== undefined, 'a policy document');
  return JSON.parse(decodeURIComponent(encoded));
}

let counter = 0;
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/** A new IAM user with an access key; returns its name and credentials. */
export async function userWithKey(admin: IAMClient, userName = uniqueName('user')): Promise<{ userName: string; credentials: TestCredentials }> {
  await admin.send(new CreateUserCommand({ UserName: userName }));
  const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: userName }));
  assert.ok(AccessKey?.AccessKeyId && AccessKey.SecretAccessKey);
  return { userName, credentials: { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey } };
}
