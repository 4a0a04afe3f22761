/**
 * kms_multi_region_keys: which region holds the primary of a multi-Region
 * key and which hold replicas. The key rows themselves stay in kms_keys, one
 * per region, all with the same mrk- id. Queries run on store.current(), so
 * they join the caller's transaction.
 */
import type { Store } from '../../../storage/store.ts';
import type { KeyScope } from '../model/types.ts';
import type { MultiRegionInfo, MultiRegionKeyType } from './types.ts';

export interface MultiRegionMember {
  region: string;
  keyType: MultiRegionKeyType;
  pendingWindowDays: number | null;
}

export class MultiRegionRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async insert(scope: KeyScope, keyId: string, keyType: MultiRegionKeyType): Promise<void> {
    await this.#store
      .current()
      .insertInto('kms_multi_region_keys')
      .values({ account_id: scope.accountId, region: scope.region, key_id: keyId, key_type: keyType, pending_window_days: null })
      .execute();
  }

  /** Every region of the key whose row is not past its deletion date, oldest first. */
  async members(accountId: string, keyId: string, now: number): Promise<MultiRegionMember[]> {
    const rows = await this.#store
      .current()
      .selectFrom('kms_multi_region_keys as m')
      .innerJoin('kms_keys as k', (join) =>
        join.onRef('k.account_id', '=', 'm.account_id').onRef('k.region', '=', 'm.region').onRef('k.key_id', '=', 'm.key_id'),
      )
      .select(['m.region', 'm.key_type', 'm.pending_window_days'])
      .where('m.account_id', '=', accountId)
      .where('m.key_id', '=', keyId)
      .where((eb) => eb.or([eb('k.key_state', '!=', 'PendingDeletion'), eb('k.deletion_date', 'is', null), eb('k.deletion_date', '>', now)]))
      .orderBy('k.created_at')
      .orderBy('m.region')
      .execute();
    return rows.map((r) => ({ region: r.region, keyType: r.key_type, pendingWindowDays: r.pending_window_days }));
  }

  /** The key's multi-Region picture as seen from `scope`; undefined when that region has no live part of it. */
  async info(scope: KeyScope, keyId: string, now: number): Promise<MultiRegionInfo | undefined> {
    const members = await this.members(scope.accountId, keyId, now);
    const self = members.find((m) => m.region === scope.region);
    const primary = members.find((m) => m.keyType === 'PRIMARY');
    if (!self) return undefined;
    return {
      keyType: self.keyType,
      // A primary past its deletion date is gone only once it has no replicas left, so a live replica always has one.
      primaryRegion: primary?.region ?? scope.region,
      replicaRegions: members.filter((m) => m.keyType === 'REPLICA').map((m) => m.region),
      pendingWindowDays: self.pendingWindowDays,
    };
  }

  async setKeyType(scope: KeyScope, keyId: string, keyType: MultiRegionKeyType): Promise<void> {
    await this.#store
      .current()
      .updateTable('kms_multi_region_keys')
      .set({ key_type: keyType })
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId)
      .execute();
  }

  async setPendingWindow(scope: KeyScope, keyId: string, days: number | null): Promise<void> {
    await this.#store
      .current()
      .updateTable('kms_multi_region_keys')
      .set({ pending_window_days: days })
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId)
      .execute();
  }
}
