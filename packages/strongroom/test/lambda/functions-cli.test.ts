/**
 * Lambda through the AWS CLI (/usr/bin/aws) against the in-process test
 * server: functions are created from zips made by zip(1), invoked in child
 * processes, and their results, errors, logs and credentials checked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { awsCliJson, awsCliSkip, runAwsCli } from '../../src/testing/aws-cli.ts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { FUNCTIONS, LAMBDA_TRUST_POLICY, zipPackage, zipSkip } from './function-packages.ts';

for (const engine of testStoreEngines()) {
  describe(`Lambda through the AWS CLI [${engine.engine}]`, { skip: engine.skip || awsCliSkip || zipSkip }, () => {
    let server: TestServer;
    let dir: string;
    let roleArn: string;
    before(async () => {
      server = await startTestServer(engine);
      dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-lambda-cli-'));
      roleArn = (await awsCliJson(server, ['iam', 'create-role', '--role-name', 'fn-exec', '--assume-role-policy-document', LAMBDA_TRUST_POLICY])).Role.Arn;
    });
    after(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const aws = (...args: string[]) => runAwsCli(server, ['lambda', ...args]);
    const ok = (...args: string[]) => awsCliJson(server, ['lambda', ...args]);
    const create = async (name: string, files: Record<string, string>, handler = 'index.handler', ...extra: string[]) =>
      ok('create-function', '--function-name', name, '--runtime', 'nodejs20.x', '--handler', handler, '--role', roleArn, '--zip-file', `fileb://${await zipPackage(dir, name, files)}`, ...extra);
    let invocation = 0;
    const invoke = async (name: string, payload?: object, ...extra: string[]) => {
      const out = path.join(dir, `out-${++invocation}.json`);
      const args = ['invoke', '--function-name', name, ...(payload ? ['--cli-binary-format', 'raw-in-base64-out', '--payload', JSON.stringify(payload)] : []), ...extra, out];
      const meta = await ok(...args);
      const text = await readFile(out, 'utf8').catch(() => '');
      return { meta, text, payload: text === '' ? undefined : JSON.parse(text) };
    };

    it('creates, gets, lists and deletes a function', async () => {
      const created = await create('echo', FUNCTIONS.echo, 'index.handler', '--timeout', '7', '--memory-size', '256', '--description', 'echoes');
      assert.equal(created.FunctionName, 'echo');
      assert.equal(created.FunctionArn, `arn:aws:lambda:${server.region}:${server.accountId}:function:echo`);
      assert.equal(created.Runtime, 'nodejs20.x');
      assert.equal(created.Role, roleArn);
      assert.equal(created.Timeout, 7);
      assert.equal(created.MemorySize, 256);
      assert.equal(created.Description, 'echoes');
      assert.equal(created.State, 'Active');
      const zip = await readFile(path.join(dir, 'echo.zip'));
      const { createHash } = await import('node:crypto');
      assert.equal(created.CodeSha256, createHash('sha256').update(zip).digest('base64'));
      assert.equal(created.CodeSize, zip.length);
      assert.match(created.LastModified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);

      const got = await ok('get-function', '--function-name', 'echo');
      assert.deepEqual(got.Configuration, created);
      const byArn = await ok('get-function-configuration', '--function-name', created.FunctionArn);
      assert.equal(byArn.RevisionId, created.RevisionId);

      await create('second', FUNCTIONS.echo);
      const listed = await ok('list-functions');
      assert.deepEqual(listed.Functions.map((f: { FunctionName: string }) => f.FunctionName).sort(), ['echo', 'second']);
      const paged = await ok('list-functions', '--max-items', '1');
      assert.equal(paged.Functions.length, 1);
      assert.ok(paged.NextToken, 'the CLI pages with NextMarker');

      const duplicate = await aws('create-function', '--function-name', 'second', '--runtime', 'nodejs20.x', '--handler', 'index.handler', '--role', roleArn, '--zip-file', `fileb://${path.join(dir, 'second.zip')}`);
      assert.match(duplicate.stderr, /ResourceConflictException.*Function already exist: second/);

      assert.equal((await aws('delete-function', '--function-name', 'second')).code, 0);
      const gone = await aws('get-function', '--function-name', 'second');
      assert.match(gone.stderr, new RegExp(`ResourceNotFoundException.*Function not found: arn:aws:lambda:${server.region}:${server.accountId}:function:second`));
    });

    it('invokes: result, event, request id, logs with LogType Tail, Event and DryRun', async () => {
      const { meta, payload } = await invoke('echo', { hello: 'world' }, '--log-type', 'Tail');
      assert.equal(meta.StatusCode, 200);
      assert.equal(meta.FunctionError, undefined);
      assert.equal(meta.ExecutedVersion, '$LATEST');
      assert.deepEqual(payload.echo, { hello: 'world' });
      const log = Buffer.from(meta.LogResult, 'base64').toString('utf8');
      assert.match(log, new RegExp(`START RequestId: ${payload.requestId} Version: \\$LATEST`));
      assert.match(log, /\tINFO\thello from echo\n/);
      assert.match(log, /REPORT RequestId: .*\tDuration: [\d.]+ ms/);

      const event = await invoke('echo', { a: 1 }, '--invocation-type', 'Event');
      assert.equal(event.meta.StatusCode, 202);
      const dry = await invoke('echo', { a: 1 }, '--invocation-type', 'DryRun');
      assert.equal(dry.meta.StatusCode, 204);

      await create('callback', FUNCTIONS.callback, 'app.run');
      assert.deepEqual((await invoke('callback', { a: 2, b: 40 })).payload, { sum: 42 });
    });

    it('reports a handler error as FunctionError Unhandled with AWS error payload', async () => {
      await create('failing', FUNCTIONS.failing);
      const { meta, payload } = await invoke('failing', {});
      assert.equal(meta.StatusCode, 200);
      assert.equal(meta.FunctionError, 'Unhandled');
      assert.equal(payload.errorType, 'TypeError');
      assert.equal(payload.errorMessage, 'bad input');
      assert.ok(Array.isArray(payload.trace) && payload.trace[0] === 'TypeError: bad input');
    });

    it('enforces the timeout and survives a crashing function', async () => {
      await create('hanging', FUNCTIONS.hanging, 'index.handler', '--timeout', '1');
      const timedOut = await invoke('hanging', {});
      assert.equal(timedOut.meta.FunctionError, 'Unhandled');
      assert.equal(timedOut.payload.errorType, 'Sandbox.Timedout');
      assert.match(timedOut.payload.errorMessage, /^RequestId: [0-9a-f-]+ Error: Task timed out after 1\.00 seconds$/);

      await create('crashing', FUNCTIONS.crashing);
      const crashed = await invoke('crashing', {}, '--log-type', 'Tail');
      assert.equal(crashed.meta.FunctionError, 'Unhandled');
      assert.equal(crashed.payload.errorType, 'Runtime.ExitError');
      assert.match(crashed.payload.errorMessage, /Error: Runtime exited with error: exit status 3$/);
      assert.match(Buffer.from(crashed.meta.LogResult, 'base64').toString(), /about to exit/);
      // The server and other functions carry on.
      assert.deepEqual((await invoke('echo', { again: true })).payload.echo, { again: true });
    });

    it('gives the function its environment and its role session credentials', async () => {
      process.env.STRONGROOM_TEST_CANARY = 'must not reach functions';
      try {
        await create('whoami', FUNCTIONS.whoami, 'index.handler', '--timeout', '30', '--environment', 'Variables={GREETING=hi}');
        const { meta, payload } = await invoke('whoami', {});
        assert.equal(meta.FunctionError, undefined, JSON.stringify(payload));
        assert.equal(payload.arn, `arn:aws:sts::${server.accountId}:assumed-role/fn-exec/whoami`);
        assert.equal(payload.region, server.region);
        assert.equal(payload.greeting, 'hi');
        assert.equal(payload.functionName, 'whoami');
        assert.deepEqual(payload.leaked, []);
      } finally {
        delete process.env.STRONGROOM_TEST_CANARY;
      }
    });

    it('refuses what AWS refuses', async () => {
      const notFound = await aws('invoke', '--function-name', 'nope', path.join(dir, 'nope.json'));
      assert.match(notFound.stderr, new RegExp(`ResourceNotFoundException.*Function not found: arn:aws:lambda:${server.region}:${server.accountId}:function:nope`));
      const untrusted = (await awsCliJson(server, ['iam', 'create-role', '--role-name', 'not-for-lambda', '--assume-role-policy-document', LAMBDA_TRUST_POLICY.replace('lambda.amazonaws.com', 'ec2.amazonaws.com')])).Role.Arn;
      const zip = await zipPackage(dir, 'refused', FUNCTIONS.echo);
      const refused = await aws('create-function', '--function-name', 'refused', '--runtime', 'nodejs20.x', '--handler', 'index.handler', '--role', untrusted, '--zip-file', `fileb://${zip}`);
      assert.match(refused.stderr, /InvalidParameterValueException.*The role defined for the function cannot be assumed by Lambda\./);
      const reserved = await aws('create-function', '--function-name', 'refused', '--runtime', 'nodejs20.x', '--handler', 'index.handler', '--role', roleArn, '--zip-file', `fileb://${zip}`, '--environment', 'Variables={AWS_REGION=x}');
      assert.match(reserved.stderr, /InvalidParameterValueException.*Reserved keys used in this request: AWS_REGION/);
      const python = await aws('create-function', '--function-name', 'refused', '--runtime', 'python3.12', '--handler', 'index.handler', '--role', roleArn, '--zip-file', `fileb://${zip}`);
      assert.match(python.stderr, /InvalidParameterValueException/);
      assert.match((await aws('get-function', '--function-name', 'refused')).stderr, /ResourceNotFoundException/);
    });

    it('updates code and configuration; new invocations see them', async () => {
      await create('changing', { 'index.mjs': "export const handler = async () => 'v1';\n" });
      assert.equal((await invoke('changing')).payload, 'v1');
      const zip = await zipPackage(dir, 'changing-v2', { 'index.mjs': "export const handler = async () => 'v2:' + process.env.STAGE;\n" });
      const updated = await ok('update-function-code', '--function-name', 'changing', '--zip-file', `fileb://${zip}`);
      const configured = await ok('update-function-configuration', '--function-name', 'changing', '--environment', 'Variables={STAGE=prod}', '--timeout', '9');
      assert.notEqual(configured.RevisionId, updated.RevisionId);
      assert.equal(configured.Timeout, 9);
      assert.deepEqual(configured.Environment, { Variables: { STAGE: 'prod' } });
      assert.equal((await invoke('changing')).payload, 'v2:prod');
      const stale = await aws('update-function-configuration', '--function-name', 'changing', '--timeout', '5', '--revision-id', updated.RevisionId);
      assert.match(stale.stderr, /PreconditionFailedException.*The Revision Id provided does not match the latest Revision Id/);
      assert.equal((await ok('get-function-configuration', '--function-name', 'changing')).Timeout, 9);
    });

    it('keeps a resource policy with AddPermission, GetPolicy and RemovePermission', async () => {
      await create('rotator', FUNCTIONS.echo);
      const added = await ok('add-permission', '--function-name', 'rotator', '--statement-id', 'SecretsManagerAccess', '--action', 'lambda:InvokeFunction', '--principal', 'secretsmanager.amazonaws.com');
      const statement = JSON.parse(added.Statement);
      assert.deepEqual(statement, {
        Sid: 'SecretsManagerAccess',
        Effect: 'Allow',
        Principal: { Service: 'secretsmanager.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: `arn:aws:lambda:${server.region}:${server.accountId}:function:rotator`,
      });
      const policy = await ok('get-policy', '--function-name', 'rotator');
      assert.deepEqual(JSON.parse(policy.Policy).Statement, [statement]);
      const again = await aws('add-permission', '--function-name', 'rotator', '--statement-id', 'SecretsManagerAccess', '--action', 'lambda:InvokeFunction', '--principal', 'secretsmanager.amazonaws.com');
      assert.match(again.stderr, /ResourceConflictException.*The statement id \(SecretsManagerAccess\) provided already exists/);
      assert.equal((await aws('remove-permission', '--function-name', 'rotator', '--statement-id', 'SecretsManagerAccess')).code, 0);
      assert.match((await aws('get-policy', '--function-name', 'rotator')).stderr, /ResourceNotFoundException.*The resource you requested does not exist\./);
      assert.match((await aws('remove-permission', '--function-name', 'rotator', '--statement-id', 'SecretsManagerAccess')).stderr, /ResourceNotFoundException/);
    });
  });
}
