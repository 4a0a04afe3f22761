/**
 * Loading a key together with its multi-Region picture, and invalidating
 * every region's cache entry when something all of them show changes
 * (DescribeKey in any region lists the primary and every replica).
 */
import type { KmsModel } from '../model/kms-model.ts';
import type { KeyScope, LoadedKey } from '../model/types.ts';
import { isMultiRegionKeyId } from './ids.ts';

/** The key cache's loader: the key with every material version and, for mrk- keys, its MultiRegionInfo. */
export async function loadKeyWithRegions(model: KmsModel, scope: KeyScope, keyId: string): Promise<LoadedKey | undefined> {
  const key = await model.keys.loadKey(scope, keyId);
  if (!key || !isMultiRegionKeyId(keyId)) return key;
  const multiRegion = await model.multiRegion.info(scope, keyId, model.now());
  return multiRegion ? { ...key, multiRegion } : key;
}

/** Drops the key's cache entry in every region that has a row of it (after commit, in every process). */
export async function changedInEveryRegion(model: KmsModel, accountId: string, keyId: string, alsoRegions: readonly string[] = []): Promise<void> {
  const rows = await model.store.current().selectFrom('kms_multi_region_keys').select('region').where('account_id', '=', accountId).where('key_id', '=', keyId).execute();
  const regions = new Set([...rows.map((r) => r.region), ...alsoRegions]);
  for (const region of regions) model.changed({ accountId, region }, keyId);
}
