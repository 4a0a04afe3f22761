/**
 * UpdatePrimaryRegion: the replica in the named region becomes the primary
 * and the current primary a replica, in one transaction. AWS passes through
 * a transient Updating state for a few seconds; here the swap is complete on
 * commit. The automatic rotation schedule moves with the primary role.
 */
import { keyNotFound } from '../errors.ts';
import { keyArn } from '../model/arns.ts';
import { assertKeyState, isDeleted } from '../model/key-states.ts';
import type { Caller, KmsModel } from '../model/kms-model.ts';
import { alreadyPrimaryRegion, notMultiRegionPrimary } from './errors.ts';
import { isMultiRegionKeyId } from './ids.ts';
import { changedInEveryRegion } from './related-keys.ts';

export async function updatePrimaryRegion(model: KmsModel, caller: Caller, keyIdParam: string, primaryRegion: string): Promise<void> {
  await model.store.transaction(async () => {
    const now = model.now();
    const primary = await model.lockKey(caller.scope, keyIdParam);
    const info = isMultiRegionKeyId(primary.keyId) ? await model.multiRegion.info(caller.scope, primary.keyId, now) : undefined;
    if (info?.keyType !== 'PRIMARY') throw notMultiRegionPrimary(primary.arn);
    if (primaryRegion === caller.scope.region) throw alreadyPrimaryRegion(primaryRegion);
    const target = { accountId: caller.scope.accountId, region: primaryRegion };
    const replica = await model.keys.getRecord(target, primary.keyId, { forUpdate: true });
    if (!replica || isDeleted(replica, now)) throw keyNotFound(keyArn(target, primary.keyId));
    assertKeyState(primary, 'manage');
    assertKeyState(replica, 'manage');
    // The old primary first: at most one PRIMARY row per key at any moment (unique index).
    await model.multiRegion.setKeyType(caller.scope, primary.keyId, 'REPLICA');
    await model.multiRegion.setKeyType(target, primary.keyId, 'PRIMARY');
    await model.keys.updateKey(target, primary.keyId, { next_rotation_at: primary.nextRotationAt }, now);
    await model.keys.updateKey(caller.scope, primary.keyId, { next_rotation_at: null }, now);
    await changedInEveryRegion(model, caller.scope.accountId, primary.keyId);
  });
}
