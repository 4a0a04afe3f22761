/**
 * Starts the real server in-process on an ephemeral port, on a fresh store of
 * the given engine, for end-to-end tests with real AWS clients.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig, type ConfigFlags } from '../config/config.ts';
import { startStrongroom } from '../main.ts';
import { createLogger } from '../server/logger.ts';
import type { TestStoreEngine } from './test-stores.ts';

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface TestServer {
  url: string;
  port: number;
  region: string;
  accountId: string;
  dataDir: string;
  databaseUrl?: string;
  /** The bootstrap administrator's access key, read from <data>/credentials. */
  credentials: TestCredentials;
  stop(): Promise<void>;
}

export async function startTestServer(engine: TestStoreEngine, flags: ConfigFlags = {}): Promise<TestServer> {
  const target = await engine.create();
  const config = resolveConfig({ port: '0', data: target.dataDir, database: target.databaseUrl, 'log-level': 'silent', ...flags }, {});
  try {
    const running = await startStrongroom(config, createLogger(config.logLevel));
    return {
      url: running.url,
      port: running.port,
      region: config.region,
      accountId: running.accountId,
      dataDir: target.dataDir,
      databaseUrl: target.databaseUrl,
      credentials: readCredentialsFile(path.join(target.dataDir, 'credentials')),
      async stop() {
        await running.close();
        await target.cleanup();
      },
    };
  } catch (error) {
    await target.cleanup();
    throw error;
  }
}

/** Reads the `[strongroom]` profile of an AWS shared-credentials file. */
export function readCredentialsFile(file: string): TestCredentials {
  const values = new Map<string, string>();
  let inProfile = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) inProfile = section[1] === 'strongroom';
    const pair = /^\s*([\w]+)\s*=\s*(\S+)/.exec(line);
    if (inProfile && pair) values.set(pair[1], pair[2]);
  }
  return { accessKeyId: values.get('aws_access_key_id') ?? '', secretAccessKey: values.get('aws_secret_access_key') ?? '' };
}
