/**
 * Deleting multi-Region keys, after AWS: a replica is scheduled and deleted
 * like any key. A primary scheduled while it still has replicas goes to
 * PendingReplicaDeletion with no deletion date; its waiting period
 * (PendingWindowInDays) starts only once its last replica is deleted, when
 * it becomes PendingDeletion. The sweep makes that step, so it survives
 * restarts: the state lives in the rows, and the step is idempotent.
 */
import type { KmsModel } from '../model/kms-model.ts';
import type { KeyRecord, KeyScope } from '../model/types.ts';
import { isMultiRegionKeyId } from './ids.ts';

const DAY_MS = 86_400_000;

/** ScheduleKeyDeletion of a primary with live replicas: PendingReplicaDeletion. False (nothing done) for any other key. */
export async function deferPrimaryDeletion(model: KmsModel, scope: KeyScope, record: KeyRecord, pendingWindowInDays: number, now: number): Promise<boolean> {
  if (!isMultiRegionKeyId(record.keyId)) return false;
  const info = await model.multiRegion.info(scope, record.keyId, now);
  if (info?.keyType !== 'PRIMARY' || info.replicaRegions.length === 0) return false;
  await model.keys.updateKey(scope, record.keyId, { key_state: 'PendingReplicaDeletion', deletion_date: null }, now);
  await model.multiRegion.setPendingWindow(scope, record.keyId, pendingWindowInDays);
  return true;
}

/** Primaries in PendingReplicaDeletion without live replicas start their waiting period; returns how many. Safe to run concurrently. */
export async function startPrimaryWaitingPeriods(model: KmsModel, now: number): Promise<number> {
  const waiting = await model.store
    .current()
    .selectFrom('kms_multi_region_keys as m')
    .innerJoin('kms_keys as k', (join) => join.onRef('k.account_id', '=', 'm.account_id').onRef('k.region', '=', 'm.region').onRef('k.key_id', '=', 'm.key_id'))
    .select(['m.account_id', 'm.region', 'm.key_id', 'm.pending_window_days'])
    .where('m.key_type', '=', 'PRIMARY')
    .where('k.key_state', '=', 'PendingReplicaDeletion')
    .execute();
  let started = 0;
  for (const row of waiting) {
    const scope = { accountId: row.account_id, region: row.region };
    const done = await model.store.transaction(async () => {
      const record = await model.keys.getRecord(scope, row.key_id, { forUpdate: true });
      if (record?.keyState !== 'PendingReplicaDeletion') return false;
      const members = await model.multiRegion.members(scope.accountId, row.key_id, now);
      if (members.some((m) => m.keyType === 'REPLICA')) return false;
      const deletionDate = now + (row.pending_window_days ?? 30) * DAY_MS;
      const changed = await model.keys.updateKey(scope, row.key_id, { key_state: 'PendingDeletion', deletion_date: deletionDate }, now, { key_state: 'PendingReplicaDeletion' });
      if (changed) model.changed(scope, row.key_id);
      return changed;
    });
    if (done) started++;
  }
  return started;
}
