/**
 * The deletion sweep: keys in PendingDeletion whose deletion date has come
 * are removed with their materials, aliases and tags (ON DELETE CASCADE).
 * Each key goes in one conditional DELETE, so concurrent sweeps in several
 * processes delete each key exactly once and never a key whose deletion was
 * cancelled in the meantime.
 */
import type { KmsModel } from './kms-model.ts';
import { isMultiRegionKeyId } from '../multi-region/ids.ts';
import { changedInEveryRegion } from '../multi-region/related-keys.ts';

const BATCH = 100;

export async function purgeDueDeletions(model: KmsModel, now: number): Promise<number> {
  let purged = 0;
  for (;;) {
    const due = await model.store.current()
      .selectFrom('kms_keys')
      .select(['account_id', 'region', 'key_id'])
      .where('key_state', '=', 'PendingDeletion')
      .where('deletion_date', '<=', now)
      .limit(BATCH)
      .execute();
    let deletedThisRound = 0;
    for (const key of due) {
      const scope = { accountId: key.account_id, region: key.region };
      const aliases = await model.aliases.namesForKey(scope, key.key_id);
      const result = await model.store.current()
        .deleteFrom('kms_keys')
        .where('account_id', '=', key.account_id)
        .where('region', '=', key.region)
        .where('key_id', '=', key.key_id)
        .where('key_state', '=', 'PendingDeletion')
        .where('deletion_date', '<=', now)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) > 0) {
        deletedThisRound++;
        model.changed(scope, key.key_id);
        for (const alias of aliases) model.changed(scope, alias);
        // The other regions of a multi-Region key list this one as primary or replica.
        if (isMultiRegionKeyId(key.key_id)) await changedInEveryRegion(model, key.account_id, key.key_id);
      }
    }
    purged += deletedThisRound;
    if (due.length < BATCH || deletedThisRound === 0) return purged;
  }
}
