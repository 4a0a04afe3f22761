/**
 * The caching CMM against a real Strongroom KMS (started in-process on a
 * fresh SQLite store, as the server's own tests do): N messages of 1 KiB
 * under a KMS keyring, counting the GenerateDataKey requests the KMS client
 * actually sent. The Encryption SDK itself never imports Strongroom code;
 * only this benchmark does, to have a KMS to talk to.
 */
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { startTestServer } from '../../strongroom/src/testing/test-server.ts';
import { testStoreEngines } from '../../strongroom/src/testing/test-stores.ts';
import { CachingCryptographicMaterialsManager } from '../src/caching/index.ts';
import { buildClient } from '../src/client.ts';
import { KmsKeyring } from '../src/keyrings/kms/index.ts';
import { rate, timed, type Rate } from './measure.ts';

export interface KmsCachingResult {
  readonly messages: number;
  readonly generateDataKeyCalls: number;
  readonly otherKmsCalls: Record<string, number>;
  /** messages/s including the one KMS round trip. */
  readonly encrypt: Rate;
}

export async function kmsCaching(messages: number): Promise<KmsCachingResult> {
  const server = await startTestServer(testStoreEngines().find((e) => e.engine === 'sqlite')!);
  // No kept-alive sockets: the cached encrypt loop keeps the event loop busy for longer than the
  // server's keep-alive timeout, and a later call would race the server closing the idle socket.
  const kms = new KMSClient({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1, requestHandler: { httpAgent: new http.Agent({ keepAlive: false }) } });
  const calls = new Map<string, number>();
  kms.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? '').replace(/Command$/, '');
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countKmsCalls' },
  );
  try {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    calls.clear();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: new KmsKeyring({ client: kms, generatorKeyId: KeyMetadata!.Arn! }), maxAge: 10 * 60_000 });
    const client = buildClient();
    const plaintext = randomBytes(1024);
    const { timing } = await timed(async () => {
      for (let i = 0; i < messages; i++) await client.encrypt(cmm, plaintext, { encryptionContext: { bench: 'kms-caching' } });
    });
    const generateDataKeyCalls = calls.get('GenerateDataKey') ?? 0;
    calls.delete('GenerateDataKey');
    return { messages, generateDataKeyCalls, otherKmsCalls: Object.fromEntries(calls), encrypt: rate(messages, [timing]) };
  } finally {
    kms.destroy();
    await server.stop();
  }
}
