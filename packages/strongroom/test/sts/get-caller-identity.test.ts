/**
 * STS GetCallerIdentity through the AWS SDK v3 and raw signed requests: the
 * first awsQuery operation, and SigV4's failure modes as STS reports them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { queryErrorCode, sendSigned, stsQuery } from '../support/raw-request.ts';

function stsClient(server: TestServer, overrides: Partial<ConstructorParameters<typeof STSClient>[0]> = {}): STSClient {
  return new STSClient({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1, ...overrides });
}

async function rejection(promise: Promise<unknown>): Promise<STSServiceException> {
  const error = await promise.then(() => assert.fail('expected the call to fail'), (e: unknown) => e);
  assert.ok(error instanceof STSServiceException, `not an STS exception: ${String(error)}`);
  return error;
}

for (const engine of testStoreEngines()) {
  describe(`STS GetCallerIdentity [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server?.stop());

    it('returns the bootstrap administrator', async () => {
      const identity = await stsClient(server).send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Account, '000000000000');
      assert.equal(identity.Arn, 'arn:aws:iam::000000000000:user/admin');
      assert.match(identity.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
      assert.match(identity.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    });

    it('refuses a wrong secret key with SignatureDoesNotMatch', async () => {
      const client = stsClient(server, { credentials: { ...server.credentials, secretAccessKey: 'x'.repeat(40) } });
      const error = await rejection(client.send(new GetCallerIdentityCommand({})));
      assert.equal(error.name, 'SignatureDoesNotMatch');
      assert.equal(error.$metadata.httpStatusCode, 403);
    });

    it('refuses an unknown access key with InvalidClientTokenId', async () => {
      const client = stsClient(server, { credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) } });
      const error = await rejection(client.send(new GetCallerIdentityCommand({})));
      assert.equal(error.name, 'InvalidClientTokenId');
      assert.equal(error.message, 'The security token included in the request is invalid.');
    });

    it('refuses a request signed 20 minutes ago as expired', async () => {
      const response = await sendSigned({
        url: server.url, service: 'sts', region: server.region, credentials: server.credentials,
        signingDate: new Date(Date.now() - 20 * 60_000), ...stsQuery('GetCallerIdentity'),
      });
      assert.equal(response.status, 403);
      assert.equal(queryErrorCode(response.text), 'SignatureDoesNotMatch');
      assert.match(response.text, /Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/);
      assert.ok(response.headers.get('date'), 'a Date header lets SDKs correct their clock');
    });

    it('lets an SDK whose clock is 20 minutes off correct itself from the Date header', async () => {
      const client = stsClient(server, { systemClockOffset: -20 * 60_000 });
      const error = await rejection(client.send(new GetCallerIdentityCommand({})));
      assert.equal(error.name, 'SignatureDoesNotMatch');
      assert.ok(Math.abs(client.config.systemClockOffset) < 60_000, 'the SDK took the server time from the Date header');
      const identity = await client.send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Account, '000000000000');
    });

    it('refuses an unsigned request with MissingAuthenticationToken', async () => {
      const response = await sendSigned({ url: server.url, service: 'sts', region: server.region, ...stsQuery('GetCallerIdentity') });
      assert.equal(queryErrorCode(response.text), 'MissingAuthenticationToken');
      assert.ok(response.headers.get('x-amzn-requestid'));
    });

    it('answers an unknown action with InvalidAction', async () => {
      const response = await sendSigned({ url: server.url, service: 'sts', region: server.region, credentials: server.credentials, ...stsQuery('GetNothing') });
      assert.equal(response.status, 400);
      assert.equal(queryErrorCode(response.text), 'InvalidAction');
      assert.match(response.text, /<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type>/);
    });
  });
}

describe('STS GetCallerIdentity with --auth off', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(testStoreEngines()[0], { auth: 'off' });
  });
  after(() => server?.stop());

  it('accepts any well-formed signature as the account root', async () => {
    const client = stsClient(server, { credentials: { accessKeyId: 'AKIAANYTHING', secretAccessKey: 'anything' } });
    const identity = await client.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, 'arn:aws:iam::000000000000:root');
    assert.equal(identity.UserId, '000000000000');
  });

  it('still refuses unsigned requests', async () => {
    const response = await sendSigned({ url: server.url, service: 'sts', region: server.region, ...stsQuery('GetCallerIdentity') });
    assert.equal(queryErrorCode(response.text), 'MissingAuthenticationToken');
  });
});
