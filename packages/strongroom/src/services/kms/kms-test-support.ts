/**
 * For the KMS unit tests: a KmsModel on a fresh store of a test engine with
 * a random root key and a movable clock, and request contexts for calling
 * handlers directly.
 */
import { pino } from 'pino';
import { AesGcmBarrier } from '../../crypto/barrier/barrier.ts';
import { randomBytes } from '../../crypto/primitives.ts';
import type { RequestContext } from '../../server/context.ts';
import type { Store } from '../../storage/store.ts';
import { openStore } from '../../storage/store.ts';
import { openTestStore, type TestStoreEngine } from '../../testing/test-stores.ts';
import { KmsModel } from './model/kms-model.ts';
import type { KeyScope } from './model/types.ts';

export const TEST_SCOPE: KeyScope = { accountId: '000000000000', region: 'us-east-1' };

export interface KmsTestBed {
  store: Store;
  barrier: AesGcmBarrier;
  kms: KmsModel;
  clock: { now: number };
  /** Another model on a second store opened on the same database, with the same root key: a second server process. */
  secondModel(): Promise<KmsModel>;
  close(): Promise<void>;
}

export async function openKmsTestBed(engine: TestStoreEngine): Promise<KmsTestBed> {
  const { store, target, close } = await openTestStore(engine);
  const others: Store[] = [];
  const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
  const clock = { now: Date.parse('2025-01-01T00:00:00Z') };
  const now = () => clock.now;
  return {
    store,
    barrier,
    clock,
    kms: new KmsModel({ store, barrier, now }),
    async secondModel() {
      const other = await openStore(target);
      others.push(other);
      return new KmsModel({ store: other, barrier, now });
    },
    async close() {
      await Promise.all(others.map((other) => other.close()));
      await close();
    },
  };
}

export function testContext(scope: KeyScope = TEST_SCOPE, operation = 'Test'): RequestContext {
  return {
    requestId: '00000000-0000-0000-0000-000000000000',
    service: 'kms',
    operation,
    region: scope.region,
    principal: { kind: 'user', accountId: scope.accountId, arn: `arn:aws:iam::${scope.accountId}:user/admin`, userId: 'AIDAEXAMPLEEXAMPLE12' },
    sourceIp: '127.0.0.1',
    secureTransport: false,
    receivedAt: new Date(),
    log: pino({ level: 'silent' }),
  };
}
