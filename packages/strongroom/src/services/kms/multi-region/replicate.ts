/**
 * ReplicateKey: the primary's key id, key spec, usage, origin, rotation
 * settings and every material version, copied to a new row in the replica
 * region. Materials are loaded (unsealed) through the repository and
 * inserted again, so the barrier seals each copy to its own row (the AAD
 * names the region). Policy, description, tags and key state are the
 * replica's own. AWS shows a new replica in the transient state Creating for
 * a few seconds; here the copy is complete when the transaction commits, so
 * the replica is Enabled at once (clients that wait for Enabled proceed
 * immediately).
 */
import { assertKeyState, isDeleted } from '../model/key-states.ts';
import { keyArn } from '../model/arns.ts';
import { defaultKeyPolicy, validateKeyPolicy } from '../model/key-policies.ts';
import type { Caller, KmsModel } from '../model/kms-model.ts';
import { validateNewTags, type KeyTag } from '../model/tags.ts';
import type { KeyRecord, LoadedKey } from '../model/types.ts';
import { notMultiRegionPrimary, replicaExists, replicaInOwnRegion } from './errors.ts';
import { isMultiRegionKeyId } from './ids.ts';
import { changedInEveryRegion, loadKeyWithRegions } from './related-keys.ts';

export interface ReplicaSpec {
  replicaRegion: string;
  policy?: string;
  description?: string;
  tags?: readonly KeyTag[];
}

export interface Replica {
  key: LoadedKey;
  tags: KeyTag[];
}

export async function replicateKey(model: KmsModel, caller: Caller, keyIdParam: string, spec: ReplicaSpec): Promise<Replica> {
  if (spec.policy !== undefined) validateKeyPolicy(spec.policy);
  if (spec.tags) validateNewTags(spec.tags);
  return model.store.transaction(async () => {
    const primary = await model.lockKey(caller.scope, keyIdParam);
    const info = isMultiRegionKeyId(primary.keyId) ? await model.multiRegion.info(caller.scope, primary.keyId, model.now()) : undefined;
    if (info?.keyType !== 'PRIMARY') throw notMultiRegionPrimary(primary.arn);
    assertKeyState(primary, 'manage');
    if (spec.replicaRegion === caller.scope.region) throw replicaInOwnRegion(spec.replicaRegion);

    const now = model.now();
    const scope = { accountId: caller.scope.accountId, region: spec.replicaRegion };
    const existing = await model.keys.getRecord(scope, primary.keyId, { forUpdate: true });
    if (existing && !isDeleted(existing, now)) throw replicaExists(existing.arn);
    // A replica past its deletion date is gone already; the sweep just has not removed its rows.
    if (existing) await model.store.current().deleteFrom('kms_keys').where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('key_id', '=', primary.keyId).execute();

    const source = await model.keys.loadKey(caller.scope, primary.keyId);
    if (!source) throw new Error(`primary key ${primary.keyId} vanished inside its own transaction`);
    const record: KeyRecord = {
      ...primary,
      ...scope,
      arn: keyArn(scope, primary.keyId),
      description: spec.description ?? '',
      keyState: 'Enabled',
      policy: spec.policy ?? defaultKeyPolicy(scope.accountId),
      createdAt: now,
      deletionDate: null,
      // Automatic rotation runs on the primary, which then brings every replica its new material.
      nextRotationAt: null,
    };
    const [first, ...rest] = [...source.materials.values()].sort((a, b) => a.version - b.version);
    await model.keys.insertKey(record, first);
    for (const material of rest) await model.keys.insertMaterial(scope, primary.keyId, material);
    await model.multiRegion.insert(scope, primary.keyId, 'REPLICA');
    if (spec.tags?.length) await model.tags.put(scope, primary.keyId, spec.tags);
    await changedInEveryRegion(model, scope.accountId, primary.keyId);

    const key = await loadKeyWithRegions(model, scope, primary.keyId);
    if (!key) throw new Error(`replica ${record.arn} is missing right after its creation`);
    return { key, tags: await model.tags.list(scope, primary.keyId) };
  });
}
