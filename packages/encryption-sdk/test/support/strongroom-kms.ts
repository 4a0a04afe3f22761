/**
 * Test support: a real Strongroom server (started as its own tests start it)
 * and KMS clients for it that count the calls they make. Tests only — the
 * library never imports Strongroom code.
 */
import http from 'node:http';
import { CreateAliasCommand, CreateKeyCommand, KMSClient, type CreateKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../../strongroom/src/testing/test-server.ts';
import { testStoreEngines } from '../../../strongroom/src/testing/test-stores.ts';

export type { TestServer };

/**
 * Starts Strongroom on a fresh store: SQLite, or PostgreSQL when
 * ESDK_TEST_STORE=postgres (with STRONGROOM_TEST_PG set). The SDK does not
 * depend on the server's storage engine, so one engine per run is enough.
 */
export function startStrongroom(): Promise<TestServer> {
  const wanted = process.env.ESDK_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
  const engine = testStoreEngines().find((e) => e.engine === wanted)!;
  if (engine.skip) throw new Error(`ESDK_TEST_STORE=${wanted}: ${engine.skip}`);
  return startTestServer(engine);
}

export interface CountingKmsClient {
  readonly client: KMSClient;
  /** Calls that reached the wire, by operation name (e.g. GenerateDataKey). */
  readonly calls: Map<string, number>;
  count(operation: string): number;
  reset(): void;
}

/**
 * A KMSClient for the server whose every sent command is counted. One
 * attempt per command (so a count is a count of requests) and no kept-alive
 * sockets: a test that encrypts thousands of cached messages in a row starves
 * the event loop of I/O for longer than the server's keep-alive timeout, and
 * the next call would otherwise race the server closing the idle socket.
 */
export function kmsClientFor(server: TestServer, region = server.region): CountingKmsClient {
  const client = new KMSClient({
    endpoint: server.url,
    region,
    credentials: server.credentials,
    maxAttempts: 1,
    requestHandler: { httpAgent: new http.Agent({ keepAlive: false }) },
  });
  const calls = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? '').replace(/Command$/, '');
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countKmsCalls' },
  );
  return { client, calls, count: (operation) => calls.get(operation) ?? 0, reset: () => calls.clear() };
}

export async function createKey(client: KMSClient, input: CreateKeyCommandInput = {}): Promise<KeyMetadata> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand(input));
  if (!KeyMetadata?.Arn) throw new Error('CreateKey returned no key');
  return KeyMetadata;
}

export async function createAlias(client: KMSClient, keyId: string, prefix = 'esdk'): Promise<string> {
  const alias = `alias/${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  await client.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
  return alias;
}

/** Environment for a child process (the CLI, the AWS CLI) to reach the server. */
export function awsEnv(server: TestServer, region = server.region): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}
