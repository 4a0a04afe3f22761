/**
 * The runtime with real child processes: environments are reused while warm,
 * one invocation at a time each, replaced when the function changes, and
 * the variables a function sees are Lambda's plus its own, nothing of the
 * server's. Code is zipped by zip(1); credentials are fixed test values.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { FunctionRuntime, logTail, type RunnableFunction } from './function-runtime.ts';

const zipAvailable = existsSync('/usr/bin/zip') || existsSync('/bin/zip');

function zip(dir: string, source: string): { bytes: Buffer; sha256: string } {
  const work = mkdtempSync(join(dir, 'src-'));
  writeFileSync(join(work, 'index.mjs'), source);
  execFileSync('zip', ['-q', 'code.zip', 'index.mjs'], { cwd: work });
  const bytes = readFileSync(join(work, 'code.zip'));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('base64') };
}

const PID_FUNCTION = `
export const handler = async (event) => {
  if (event.wait) await new Promise((resolve) => setTimeout(resolve, event.wait));
  return { pid: process.pid, env: process.env };
};
`;

describe('FunctionRuntime', { skip: zipAvailable ? false : 'zip(1) not installed' }, () => {
  let dir: string;
  let runtime: FunctionRuntime;
  let code: { bytes: Buffer; sha256: string };
  let fn: RunnableFunction;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'runtime-test-'));
    code = zip(dir, PID_FUNCTION);
    runtime = new FunctionRuntime({
      endpointUrl: () => 'http://127.0.0.1:1',
      credentials: async () => ({ accessKeyId: 'ASIATESTTESTTESTTEST', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(Date.now() + 3600_000) }),
      log: pino({ level: 'silent' }),
      workParent: dir,
    });
    fn = {
      accountId: '111122223333',
      region: 'eu-west-1',
      name: 'pid',
      arn: 'arn:aws:lambda:eu-west-1:111122223333:function:pid',
      revisionId: 'r1',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      role: 'arn:aws:iam::111122223333:role/r',
      timeoutSeconds: 30,
      memorySize: 128,
      codeSha256: code.sha256,
      environment: { STAGE: 'test' },
    };
  });
  after(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (f: RunnableFunction, event: object = {}) => JSON.parse((await runtime.invoke(f, { requestId: 'req', event }, async () => code.bytes)).payload.toString());

  it('reuses a warm environment, and runs concurrent invocations in separate ones', async () => {
    const first = await run(fn);
    const second = await run(fn);
    assert.equal(second.pid, first.pid);
    const [a, b] = await Promise.all([run(fn, { wait: 200 }), run(fn, { wait: 200 })]);
    assert.notEqual(a.pid, b.pid);
    assert.ok([a.pid, b.pid].includes(first.pid));
  });

  it('starts a new environment when the function changes', async () => {
    const previous = await run(fn);
    const changed = await run({ ...fn, revisionId: 'r2' });
    assert.notEqual(changed.pid, previous.pid);
  });

  it("sets Lambda's variables and the function's own, and none of the server's", async () => {
    process.env.STRONGROOM_SECRET_FOR_TEST = 'x';
    try {
      const { env } = await run({ ...fn, revisionId: 'r3' });
      assert.equal(env.STAGE, 'test');
      assert.equal(env.AWS_REGION, 'eu-west-1');
      assert.equal(env.AWS_DEFAULT_REGION, 'eu-west-1');
      assert.equal(env.AWS_ENDPOINT_URL, 'http://127.0.0.1:1');
      assert.equal(env.AWS_ACCESS_KEY_ID, 'ASIATESTTESTTESTTEST');
      assert.equal(env.AWS_SECRET_ACCESS_KEY, 'secret');
      assert.equal(env.AWS_SESSION_TOKEN, 'token');
      assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'pid');
      assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
      assert.equal(env._HANDLER, 'index.handler');
      assert.equal(env.STRONGROOM_SECRET_FOR_TEST, undefined);
    } finally {
      delete process.env.STRONGROOM_SECRET_FOR_TEST;
    }
  });

  it('keeps the last 4 KB of the log for Tail', () => {
    const long = 'x'.repeat(5000) + 'END';
    const tail = Buffer.from(logTail(long), 'base64').toString();
    assert.equal(tail.length, 4096);
    assert.ok(tail.endsWith('END'));
  });
});
