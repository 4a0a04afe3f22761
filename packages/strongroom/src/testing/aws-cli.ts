/**
 * Drives the real AWS CLI v2 (/usr/bin/aws, Debian's awscli) against a test
 * server, with the server's credentials file and nothing from the caller's
 * own AWS environment. Debian's CLI 2.9 ignores AWS_ENDPOINT_URL, so every
 * call passes --endpoint-url.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const AWS_CLI = '/usr/bin/aws';

/** The skip reason for CLI suites: only where the CLI is missing and we are not in CI (CI installs it). */
export const awsCliSkip: false | string = existsSync(AWS_CLI) || process.env.CI === 'true' ? false : `${AWS_CLI} not installed (apt-get install awscli)`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliTarget {
  url: string;
  dataDir: string;
  region?: string;
}

/** The environment of a CLI call: the server's `[strongroom]` profile, no pager, no inherited keys. */
export function awsCliEnv(target: CliTarget, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, AWS_SESSION_TOKEN: _t, AWS_PROFILE: _p, ...rest } = process.env;
  return {
    ...rest,
    AWS_SHARED_CREDENTIALS_FILE: path.join(target.dataDir, 'credentials'),
    AWS_CONFIG_FILE: '/dev/null',
    AWS_PROFILE: 'strongroom',
    AWS_REGION: target.region ?? 'us-east-1',
    AWS_PAGER: '',
    ...extra,
  };
}

/** Runs `aws <args> --endpoint-url <server> --output json`; never throws for a non-zero exit. */
export async function runAwsCli(target: CliTarget, args: readonly string[], env: NodeJS.ProcessEnv = awsCliEnv(target)): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(AWS_CLI, [...args, '--endpoint-url', target.url, '--output', 'json'], { env, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the CLI, asserts it succeeded, and parses its JSON output ({} when it printed nothing). */
export async function awsCliJson(target: CliTarget, args: readonly string[]): Promise<any> {
  const result = await runAwsCli(target, args);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim() === '' ? {} : JSON.parse(result.stdout);
}
