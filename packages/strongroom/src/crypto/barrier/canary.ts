/**
 * The canary: a known value sealed into strongroom_meta the first time a
 * barrier meets a store. Opening it at every start makes a wrong root key
 * fail at once with a clear message, instead of at the first secret read.
 */
import type { Store } from '../../storage/store.ts';
import { getMeta, putMetaIfAbsent } from '../../storage/meta.ts';
import { CANARY_META_KEY, type RootKeySource } from '../root-key.ts';
import { constantTimeEqual } from '../primitives.ts';
import { rowAad } from './aad.ts';
import type { Barrier } from './barrier.ts';
import { BarrierError, RootKeyMismatchError } from './errors.ts';

export const CANARY_PLAINTEXT = 'strongroom barrier canary v1';
export const CANARY_AAD = rowAad('strongroom_meta', [CANARY_META_KEY], 'value');
export const ROOT_KEY_SOURCE_META_KEY = 'barrier.root_key_source';

const SOURCE_NAMES: Record<RootKeySource, string> = {
  env: 'STRONGROOM_ROOT_KEY',
  passphrase: 'a passphrase (STRONGROOM_ROOT_PASSPHRASE)',
  file: 'a root.key file',
};

/** Creates the canary on first use, then checks it opens under `barrier`. Returns whether it was created. */
export async function verifyCanary(store: Store, barrier: Barrier, source: RootKeySource, origin: string): Promise<{ created: boolean }> {
  let stored = await getMeta(store.db, CANARY_META_KEY);
  let created = false;
  if (stored === undefined) {
    const ours = barrier.seal(Buffer.from(CANARY_PLAINTEXT, 'utf8'), CANARY_AAD).toString('base64');
    stored = await store.transaction(async (trx) => {
      await putMetaIfAbsent(trx, ROOT_KEY_SOURCE_META_KEY, source);
      return putMetaIfAbsent(trx, CANARY_META_KEY, ours);
    });
    created = stored === ours;
  }

  let plaintext: Buffer;
  try {
    plaintext = barrier.open(Buffer.from(stored, 'base64'), CANARY_AAD);
  } catch (error) {
    if (!(error instanceof BarrierError)) throw error;
    const recorded = (await getMeta(store.db, ROOT_KEY_SOURCE_META_KEY)) as RootKeySource | undefined;
    const initialisedWith = recorded && SOURCE_NAMES[recorded] ? ` (it was initialised with a root key from ${SOURCE_NAMES[recorded]})` : '';
    throw new RootKeyMismatchError(
      `the key from ${origin} cannot open the store's canary${initialisedWith}. Start Strongroom with the root key this data store was created with.`,
    );
  }
  if (!constantTimeEqual(plaintext, Buffer.from(CANARY_PLAINTEXT, 'utf8'))) {
    throw new RootKeyMismatchError("the store's canary opened to an unexpected value");
  }
  return { created };
}
