/**
 * Writes the bootstrap administrator's key as an AWS shared-credentials file,
 * usable with AWS_SHARED_CREDENTIALS_FILE=<file> AWS_PROFILE=strongroom.
 * Written atomically (temp file, then rename) with mode 0600.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from '../crypto/primitives.ts';

export const CREDENTIALS_FILE = 'credentials';
export const CREDENTIALS_PROFILE = 'strongroom';

export interface CredentialsFileContent {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userName: string;
  /** Written as `region`: the AWS CLI and SDKs read it from the credentials file's profile too. */
  region?: string;
  /** Written as `endpoint_url` when given. */
  endpointUrl?: string;
}

export function formatCredentialsFile(c: CredentialsFileContent): string {
  const lines = [
    `# Strongroom bootstrap administrator: IAM user ${c.userName} in account ${c.accountId}.`,
    `# Use with AWS_SHARED_CREDENTIALS_FILE=<this file> AWS_PROFILE=${CREDENTIALS_PROFILE}`,
    `[${CREDENTIALS_PROFILE}]`,
    `aws_access_key_id = ${c.accessKeyId}`,
    `aws_secret_access_key = ${c.secretAccessKey}`,
  ];
  if (c.region) lines.push(`region = ${c.region}`);
  if (c.endpointUrl) lines.push(`endpoint_url = ${c.endpointUrl}`);
  return `${lines.join('\n')}\n`;
}

/** Returns the file's path. */
export function writeCredentialsFile(dataDir: string, content: CredentialsFileContent): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, formatCredentialsFile(content));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return file;
}
