/**
 * Expiry of imported key material. When ValidTo passes, AWS deletes the
 * material and the key becomes PendingImport (a key pending deletion keeps
 * that state). The sweep (expireImportedMaterial) does this to the rows;
 * until it has run, every lookup sees the key as it will be afterwards, so
 * expired material is never used whatever the scheduler's timing.
 */
import type { KmsModel } from '../model/kms-model.ts';
import type { KeyRecord, KeyScope, LoadedKey } from '../model/types.ts';
import { removeImportedMaterial } from './material-store.ts';

/** Keys expired per sweep batch; the loop continues while a batch is full. */
const BATCH = 100;

export function materialExpired(record: Pick<KeyRecord, 'validTo'>, now: number): boolean {
  return record.validTo !== null && record.validTo !== undefined && record.validTo <= now;
}

/** The record as it is once its material is gone: PendingImport (unless pending deletion), no expiry. */
export function withoutImportedMaterial(record: KeyRecord): KeyRecord {
  return {
    ...record,
    keyState: record.keyState === 'PendingDeletion' ? 'PendingDeletion' : 'PendingImport',
    expirationModel: null,
    validTo: null,
  };
}

/** The record as of `now`: a key whose material has expired is seen without it. */
export function recordAsOf(record: KeyRecord, now: number): KeyRecord {
  return materialExpired(record, now) ? withoutImportedMaterial(record) : record;
}

/** The loaded key as of `now` (no material once it has expired). */
export function keyAsOf(key: LoadedKey, now: number): LoadedKey {
  return materialExpired(key.record, now) ? { record: withoutImportedMaterial(key.record), materials: new Map() } : key;
}

/**
 * Deletes imported material whose ValidTo is at or before `now` and drops
 * import parameters past their validity; returns how many keys expired.
 * Each key is re-read under its row lock, so concurrent sweeps in several
 * processes expire it once, and never material re-imported meanwhile.
 */
export async function expireImportedMaterial(model: KmsModel, now: number): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await model.store
      .current()
      .selectFrom('kms_keys')
      .select(['account_id', 'region', 'key_id'])
      .where('valid_to', '<=', now)
      .orderBy('valid_to')
      .limit(BATCH)
      .execute();
    let expiredThisRound = 0;
    for (const row of due) {
      const scope: KeyScope = { accountId: row.account_id, region: row.region };
      const done = await model.store.transaction(async () => {
        const record = await model.keys.getRecord(scope, row.key_id, { forUpdate: true });
        if (!record || !materialExpired(record, now)) return false;
        await removeImportedMaterial(model, record, now);
        model.changed(scope, record.keyId);
        return true;
      });
      if (done) expiredThisRound++;
    }
    expired += expiredThisRound;
    if (due.length < BATCH || expiredThisRound === 0) break;
  }
  await model.store.current().deleteFrom('kms_import_parameters').where('valid_to', '<=', now).execute();
  return expired;
}
