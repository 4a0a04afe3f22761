/** Composition helper: root key (env, passphrase or file) → barrier → canary check against the store. */
import type { Store } from '../../storage/store.ts';
import { loadRootKey, type RootKey } from '../root-key.ts';
import { AesGcmBarrier, type Barrier } from './barrier.ts';
import { verifyCanary } from './canary.ts';

export interface OpenBarrierOptions {
  store: Store;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}

export interface OpenedBarrier {
  barrier: Barrier;
  /** Where the root key came from, for the startup log; the key itself is not exposed. */
  rootKey: Omit<RootKey, 'key'>;
  /** True on the first start against this store. */
  canaryCreated: boolean;
}

/** Throws RootKeyError (bad or missing key source) or RootKeyMismatchError (key does not fit the store). */
export async function openBarrier({ store, dataDir, env }: OpenBarrierOptions): Promise<OpenedBarrier> {
  const { key, ...rootKey } = await loadRootKey({ dataDir, store, env });
  const barrier = AesGcmBarrier.fromRootKey(key);
  key.fill(0);
  const { created } = await verifyCanary(store, barrier, rootKey.source, rootKey.origin);
  return { barrier, rootKey, canaryCreated: created };
}
