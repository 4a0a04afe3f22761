/**
 * ReplicateSecretToRegions, RemoveRegionsFromReplication (both on the
 * primary, in its Region) and StopReplicationToReplica (on the replica, in
 * its Region: promotes it to a standalone secret). See model/replication.ts
 * for how replicas are kept in step.
 */
import type * as S from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { markedForDeletion, notAReplica, replicaReadOnly, secretNotFound } from '../errors.ts';
import { applyReplicas, planReplicas, replicaRequests, valuesOf } from '../model/add-replicas.ts';
import { isReplicaOf, statusView } from '../model/replication.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import type { SecretRecord } from '../model/types.ts';

/** The primary's replication status list, as DescribeSecret and these operations show it. */
export async function replicationStatus(model: SecretsModel, primary: SecretRecord): Promise<S.ReplicationStatusType[]> {
  const out: S.ReplicationStatusType[] = [];
  for (const entry of await model.repo.replicas(primary)) out.push(statusView(entry, await model.replication.replicaIn(primary, entry.region)));
  return out;
}

/** Re-reads and locks the primary inside a transaction: still the same secret, not scheduled for deletion, not a replica. */
async function lockPrimary(model: SecretsModel, secret: SecretRecord): Promise<SecretRecord> {
  const current = await model.repo.byName(secret, secret.name, true);
  if (!current || current.arn !== secret.arn) throw secretNotFound();
  if (current.primaryRegion !== null) throw replicaReadOnly();
  if (current.deletedAt !== null) throw markedForDeletion();
  return current;
}

export function replicateSecretToRegions(model: SecretsModel): OperationHandler<S.ReplicateSecretToRegionsRequest, S.ReplicateSecretToRegionsResponse> {
  return async (ctx, input) => {
    const primary = await model.get(scopeOf(ctx), input.SecretId, { primaryOnly: true });
    const requests = replicaRequests(primary.region, input.AddReplicaRegions);
    const force = input.ForceOverwriteReplicaSecret === true;
    const plans = await planReplicas(model, ctx, primary, requests, force, await valuesOf(model, ctx, primary));
    return model.store.transaction(async () => {
      const current = await lockPrimary(model, primary);
      await applyReplicas(model, current, plans, force);
      return { ARN: current.arn, ReplicationStatus: await replicationStatus(model, current) };
    });
  };
}

export function removeRegionsFromReplication(model: SecretsModel): OperationHandler<S.RemoveRegionsFromReplicationRequest, S.RemoveRegionsFromReplicationResponse> {
  return async (ctx, input) => {
    const primary = await model.get(scopeOf(ctx), input.SecretId, { primaryOnly: true, allowDeleted: true });
    return model.store.transaction(async () => {
      const current = await model.repo.byName(primary, primary.name, true);
      if (!current || current.arn !== primary.arn) throw secretNotFound();
      // AWS deletes a removed replica at once (no recovery window); a Region that is not a replica Region is ignored.
      for (const region of new Set(input.RemoveReplicaRegions)) {
        const replica = await model.replication.replicaIn(current, region, true);
        if (replica) await model.repo.delete(replica);
        await model.repo.deleteReplica(current, region);
      }
      return { ARN: current.arn, ReplicationStatus: await replicationStatus(model, current) };
    });
  };
}

export function stopReplicationToReplica(model: SecretsModel): OperationHandler<S.StopReplicationToReplicaRequest, S.StopReplicationToReplicaResponse> {
  return async (ctx, input) => {
    const replica = await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true });
    if (replica.primaryRegion === null) throw notAReplica();
    return model.store.transaction(async () => {
      // The primary first, as every other writer locks them.
      const primary = await model.repo.byName({ accountId: replica.accountId, region: replica.primaryRegion! }, replica.name, true);
      const current = await model.repo.byName(replica, replica.name, true);
      if (!current || current.arn !== replica.arn) throw secretNotFound();
      if (current.primaryRegion === null) throw notAReplica();
      if (primary && isReplicaOf(current, primary)) await model.repo.deleteReplica(primary, current.region);
      await model.repo.update(current, { primaryRegion: null, lastChangedAt: model.now() });
      return { ARN: current.arn };
    });
  };
}
