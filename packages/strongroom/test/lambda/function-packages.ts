/**
 * Deployment packages for the Lambda tests, zipped by the system `zip`
 * command (an implementation independent of Strongroom's zip reader).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const zipSkip: false | string = ['/usr/bin/zip', '/bin/zip'].some((p) => existsSync(p)) || process.env.CI === 'true' ? false : 'zip(1) not installed (apt-get install zip)';

/** Writes `files` into a fresh directory, zips them, and returns the path of the .zip (inside `dir`). */
export async function zipPackage(dir: string, name: string, files: Record<string, string>): Promise<string> {
  const source = await mkdtemp(path.join(os.tmpdir(), 'strongroom-fn-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(source, file)), { recursive: true });
      await writeFile(path.join(source, file), content);
    }
    const target = path.join(dir, `${name}.zip`);
    execFileSync('zip', ['-q', '-r', target, ...Object.keys(files)], { cwd: source });
    return target;
  } finally {
    await rm(source, { recursive: true, force: true });
  }
}

export async function zipBytes(dir: string, name: string, files: Record<string, string>): Promise<Buffer> {
  return readFile(await zipPackage(dir, name, files));
}

/** The trust policy that lets Lambda assume a role. */
export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export const FUNCTIONS = {
  /** ESM, async: echoes the event and prints a line. */
  echo: { 'index.mjs': "export const handler = async (event, context) => { console.log('hello from', context.functionName); return { echo: event, requestId: context.awsRequestId }; };\n" },
  /** CommonJS, callback style. */
  callback: { 'app.js': "exports.run = (event, context, callback) => { setTimeout(() => callback(null, { sum: event.a + event.b }), 5); };\n" },
  /** Throws. */
  failing: { 'index.mjs': "export const handler = async () => { throw new TypeError('bad input'); };\n" },
  /** Never finishes. */
  hanging: { 'index.mjs': 'export const handler = () => new Promise(() => {});\n' },
  /** Exits the process. */
  crashing: { 'index.mjs': "export const handler = async () => { console.log('about to exit'); process.exit(3); };\n" },
  /** Calls STS with the SDK the runtime provides, no endpoint or credentials in code. */
  whoami: {
    'index.mjs': [
      "import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';",
      'export const handler = async () => {',
      '  const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));',
      '  return {',
      '    arn: identity.Arn,',
      '    region: process.env.AWS_REGION,',
      '    greeting: process.env.GREETING,',
      '    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,',
      "    leaked: Object.keys(process.env).filter((k) => k.startsWith('STRONGROOM')),",
      '  };',
      '};',
      '',
    ].join('\n'),
  },
} satisfies Record<string, Record<string, string>>;
