/**
 * The real server in-process, with what the authorization tests need beside
 * the administrator: IAM users with access keys and inline policies (made by
 * the administrator through the IAM API), and the structured access log.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { resolveConfig, type ConfigFlags } from '../../src/config/config.ts';
import { startStrongroom } from '../../src/main.ts';
import { createLogger } from '../../src/server/logger.ts';
import { readCredentialsFile, type TestCredentials } from '../../src/testing/test-server.ts';
import type { TestStoreEngine } from '../../src/testing/test-stores.ts';

export interface TestUser {
  name: string;
  arn: string;
  credentials: TestCredentials;
  kms: KMSClient;
}

export interface AuthzTestServer {
  url: string;
  region: string;
  accountId: string;
  admin: TestCredentials;
  adminKms: KMSClient;
  /** Access log lines ("request" messages), parsed. */
  accessLog: Array<Record<string, unknown>>;
  createUser(name: string): Promise<TestUser>;
  putUserPolicy(userName: string, policyName: string, document: object): Promise<void>;
  stop(): Promise<void>;
}

export async function startAuthzTestServer(engine: TestStoreEngine, flags: ConfigFlags = {}): Promise<AuthzTestServer> {
  const target = await engine.create();
  const config = resolveConfig({ port: '0', data: target.dataDir, database: target.databaseUrl, 'log-level': 'info', ...flags }, {});
  const accessLog: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (entry.msg === 'request') accessLog.push(entry);
      }
      done();
    },
  });
  try {
    const running = await startStrongroom(config, createLogger(config.logLevel, sink));
    const admin = readCredentialsFile(path.join(target.dataDir, 'credentials'));
    const iam = new IAMClient({ endpoint: running.url, region: config.region, credentials: admin, maxAttempts: 1 });
    const client = (credentials: TestCredentials) => new KMSClient({ endpoint: running.url, region: config.region, credentials, maxAttempts: 1 });
    return {
      url: running.url,
      region: config.region,
      accountId: running.accountId,
      admin,
      adminKms: client(admin),
      accessLog,
      async createUser(name) {
        const { User } = await iam.send(new CreateUserCommand({ UserName: name }));
        const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
        const credentials = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
        return { name, arn: User!.Arn!, credentials, kms: client(credentials) };
      },
      async putUserPolicy(userName, policyName, document) {
        await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: policyName, PolicyDocument: JSON.stringify(document) }));
      },
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

/** The last access log line of `principal` (and `operation`, when given). */
export function lastLine(server: AuthzTestServer, principal: string, operation?: string): Record<string, unknown> | undefined {
  for (let i = server.accessLog.length - 1; i >= 0; i--) {
    const line = server.accessLog[i];
    if (line.principal === principal && (operation === undefined || line.operation === operation)) return line;
  }
  return undefined;
}

/** An identity policy document. */
export function policy(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}
