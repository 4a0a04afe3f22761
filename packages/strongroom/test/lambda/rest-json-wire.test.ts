/**
 * Lambda's restJson1 wire format with hand-built requests signed by the
 * independent @smithy/signature-v4 signer: routing by method and path,
 * errors as Lambda writes them (x-amzn-ErrorType, JSON body with Type and
 * Message), and authorization (403 AccessDeniedException, resource policy).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { awsCliJson, awsCliSkip } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestCredentials, type TestServer } from '../../src/testing/test-server.ts';
import { FUNCTIONS, LAMBDA_TRUST_POLICY, zipBytes, zipSkip } from './function-packages.ts';

interface Sent {
  status: number;
  headers: Headers;
  text: string;
}

async function send(server: TestServer, method: string, pathAndQuery: string, options: { body?: string; headers?: Record<string, string>; credentials?: TestCredentials | null } = {}): Promise<Sent> {
  const url = new URL(pathAndQuery, server.url);
  let headers: Record<string, string> = { host: url.host, ...(options.headers ?? {}) };
  const body = options.body ?? '';
  if (options.credentials !== null) {
    const signer = new SignatureV4({ service: 'lambda', region: server.region, credentials: options.credentials ?? server.credentials, sha256: Sha256 });
    const signed = await signer.sign(
      new HttpRequest({ method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body }),
    );
    headers = signed.headers as Record<string, string>;
  }
  const { host: _host, ...sendable } = headers;
  const response = await fetch(url, { method, headers: sendable, body: method === 'GET' || method === 'DELETE' ? undefined : body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

for (const engine of testStoreEngines()) {
  describe(`Lambda restJson1 on the wire [${engine.engine}]`, { skip: engine.skip || awsCliSkip || zipSkip }, () => {
    let server: TestServer;
    let dir: string;
    let roleArn: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-lambda-wire-'));
      roleArn = (await awsCliJson(server, ['iam', 'create-role', '--role-name', 'wire-exec', '--assume-role-policy-document', LAMBDA_TRUST_POLICY])).Role.Arn;
      const zip = await zipBytes(dir, 'echo', FUNCTIONS.echo);
      const created = await send(server, 'POST', '/2015-03-31/functions', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ FunctionName: 'wire', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: roleArn, Code: { ZipFile: zip.toString('base64') } }),
      });
      assert.equal(created.status, 201, created.text);
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('invokes with a raw JSON body and answers the raw payload', async () => {
      const res = await send(server, 'POST', '/2015-03-31/functions/wire/invocations', { body: '{"n":1}' });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-amz-executed-version'), '$LATEST');
      assert.ok(res.headers.get('x-amzn-requestid'));
      assert.deepEqual(JSON.parse(res.text).echo, { n: 1 });
      const byArn = await send(server, 'POST', `/2015-03-31/functions/${encodeURIComponent(`arn:aws:lambda:${server.region}:${server.accountId}:function:wire`)}/invocations`, { body: '{}' });
      assert.equal(byArn.status, 200, byArn.text);
    });

    it('writes errors as Lambda does', async () => {
      const missing = await send(server, 'GET', '/2015-03-31/functions/absent');
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
      assert.deepEqual(JSON.parse(missing.text), { Type: 'User', Message: `Function not found: arn:aws:lambda:${server.region}:${server.accountId}:function:absent` });

      const qualified = await send(server, 'GET', '/2015-03-31/functions/wire?Qualifier=7');
      assert.equal(qualified.status, 404);
      assert.match(JSON.parse(qualified.text).Message, /function:wire:7$/);

      const invalid = await send(server, 'POST', '/2015-03-31/functions/wire/invocations', { body: 'not json' });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.headers.get('x-amzn-errortype'), 'InvalidRequestContentException');
      assert.match(JSON.parse(invalid.text).message, /^Could not parse request body into json: /);

      const validation = await send(server, 'GET', '/2015-03-31/functions/?MaxItems=0');
      assert.equal(validation.status, 400);
      assert.equal(validation.headers.get('x-amzn-errortype'), 'ValidationException');

      const unknown = await send(server, 'GET', '/2015-03-31/nothing-here');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');

      const unsigned = await send(server, 'GET', '/2015-03-31/functions/', { credentials: null });
      assert.equal(unsigned.status, 403);
      assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
      assert.equal(unsigned.headers.get('content-type'), 'application/json');
      assert.deepEqual(JSON.parse(unsigned.text), { Message: 'Missing Authentication Token' });
      const unknownKey = await send(server, 'GET', '/2015-03-31/functions/', { credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) } });
      assert.equal(unknownKey.status, 403);
      assert.equal(unknownKey.headers.get('x-amzn-errortype'), 'UnrecognizedClientException');
      assert.deepEqual(JSON.parse(unknownKey.text), { Message: 'The security token included in the request is invalid.' });
    });

    it('denies callers without permission with 403, and the resource policy grants another account nothing by itself', async () => {
      await awsCliJson(server, ['iam', 'create-user', '--user-name', 'nobody']);
      const key = (await awsCliJson(server, ['iam', 'create-access-key', '--user-name', 'nobody'])).AccessKey;
      const nobody = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
      const denied = await send(server, 'GET', '/2015-03-31/functions/wire', { credentials: nobody });
      assert.equal(denied.status, 403);
      assert.equal(denied.headers.get('x-amzn-errortype'), 'AccessDeniedException');
      assert.equal(
        JSON.parse(denied.text).Message,
        `User: arn:aws:iam::${server.accountId}:user/nobody is not authorized to perform: lambda:GetFunction on resource: arn:aws:lambda:${server.region}:${server.accountId}:function:wire because no identity-based policy allows the lambda:GetFunction action`,
      );
      // A resource policy naming the user lets it invoke (same account), and nothing else.
      const added = await send(server, 'POST', '/2015-03-31/functions/wire/policy', {
        body: JSON.stringify({ StatementId: 'nobody-may-invoke', Action: 'lambda:InvokeFunction', Principal: `arn:aws:iam::${server.accountId}:user/nobody` }),
      });
      assert.equal(added.status, 201, added.text);
      const invoked = await send(server, 'POST', '/2015-03-31/functions/wire/invocations', { body: '{"by":"nobody"}', credentials: nobody });
      assert.equal(invoked.status, 200, invoked.text);
      assert.equal((await send(server, 'GET', '/2015-03-31/functions/wire', { credentials: nobody })).status, 403);
    });

    it("authorizes the function's own calls as its role session", async () => {
      const zip = await zipBytes(dir, 'lister', {
        'index.mjs': [
          "import { SecretsManagerClient, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';",
          'export const handler = async () => {',
          '  try { await new SecretsManagerClient({}).send(new ListSecretsCommand({})); return "allowed"; }',
          '  catch (e) { return e.name + ": " + e.message; }',
          '};',
          '',
        ].join('\n'),
      });
      const created = await send(server, 'POST', '/2015-03-31/functions', {
        body: JSON.stringify({ FunctionName: 'lister', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: roleArn, Timeout: 30, Code: { ZipFile: zip.toString('base64') } }),
      });
      assert.equal(created.status, 201, created.text);
      const denied = JSON.parse((await send(server, 'POST', '/2015-03-31/functions/lister/invocations', { body: '{}' })).text);
      assert.equal(
        denied,
        `AccessDeniedException: User: arn:aws:sts::${server.accountId}:assumed-role/wire-exec/lister is not authorized to perform: secretsmanager:ListSecrets on resource: * because no identity-based policy allows the secretsmanager:ListSecrets action`,
      );
      await awsCliJson(server, [
        'iam',
        'put-role-policy',
        '--role-name',
        'wire-exec',
        '--policy-name',
        'list-secrets',
        '--policy-document',
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:ListSecrets', Resource: '*' }] }),
      ]);
      const allowed = JSON.parse((await send(server, 'POST', '/2015-03-31/functions/lister/invocations', { body: '{}' })).text);
      assert.equal(allowed, 'allowed');
    });
  });
}
