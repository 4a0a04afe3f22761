/**
 * Adding replica Regions to a primary (CreateSecret AddReplicaRegions,
 * ReplicateSecretToRegions), in two phases: `planReplicas` does the KMS work
 * before any transaction (each version encrypted under the replica's key in
 * its Region, as the caller); `applyReplicas` writes the replicas inside the
 * caller's transaction. A Region holding a secret of the same name that is
 * not this primary's replica gets status Failed, unless ForceOverwriteReplicaSecret
 * (then that secret is replaced, if it is standalone). Adding a Region that already holds this
 * primary's replica replicates it afresh (new key, catching up a Failed one).
 */
import type { ReplicaRegionType } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { RequestContext } from '../../../server/context.ts';
import { invalidReplicaRegion } from '../errors.ts';
import { alreadyExistsMessage, failureMessage, isReplicaOf, isValidRegion, type PreparedReplica } from './replication.ts';
import type { SecretsModel } from './secrets-model.ts';
import type { SecretRecord, SecretValue } from './types.ts';

export interface ReplicaRequest {
  region: string;
  kmsKeyId: string | null;
}

export interface ReplicaPlan extends ReplicaRequest {
  /** The new replica row; absent when the Region holds another secret of that name (status Failed). */
  replica?: SecretRecord;
  prepared?: PreparedReplica;
}

/** Checks the requested Regions (each a Region code other than the primary's); the last entry for a Region wins. */
export function replicaRequests(primaryRegion: string, regions: readonly ReplicaRegionType[]): ReplicaRequest[] {
  const out = new Map<string, ReplicaRequest>();
  for (const r of regions) {
    if (r.Region === undefined || !isValidRegion(r.Region) || r.Region === primaryRegion) throw invalidReplicaRegion();
    out.set(r.Region, { region: r.Region, kmsKeyId: r.KmsKeyId ?? null });
  }
  return [...out.values()];
}

/** Before the transaction: decides each Region's fate and encrypts `values` (version id → value) for the new replicas. */
export async function planReplicas(
  model: SecretsModel,
  ctx: RequestContext,
  primary: SecretRecord,
  requests: readonly ReplicaRequest[],
  force: boolean,
  values: ReadonlyMap<string, SecretValue>,
): Promise<ReplicaPlan[]> {
  const now = model.now();
  const plans: ReplicaPlan[] = [];
  for (const request of requests) {
    const existing = await model.repo.byName({ accountId: primary.accountId, region: request.region }, primary.name);
    if (existing && !isReplicaOf(existing, primary) && !force) {
      plans.push(request);
      continue;
    }
    const replica = model.replication.newReplica(primary, request.region, request.kmsKeyId, now);
    const prepared: PreparedReplica = { region: request.region, sealed: new Map() };
    try {
      for (const [versionId, value] of values) prepared.sealed.set(versionId, await model.encrypt(ctx, replica, versionId, value));
    } catch (error) {
      prepared.failure = failureMessage(error);
      prepared.sealed.clear();
    }
    plans.push({ ...request, replica, prepared });
  }
  return plans;
}

/** Inside the transaction, after the primary (with its versions) is written: the replicas and the primary's replica entries. */
export async function applyReplicas(model: SecretsModel, primary: SecretRecord, plans: readonly ReplicaPlan[], force: boolean): Promise<void> {
  const repo = model.repo;
  const now = model.now();
  const prepared: PreparedReplica[] = [];
  for (const plan of plans) {
    const entry = { region: plan.region, kmsKeyId: plan.kmsKeyId, addedAt: now };
    const there = await repo.byName({ accountId: primary.accountId, region: plan.region }, primary.name, true);
    const ours = isReplicaOf(there, primary);
    // Force overwrites a standalone secret only: never another primary's replica, nor a primary with replicas of its own.
    const blocked = there !== undefined && !ours && (!force || there.primaryRegion !== null || (await repo.replicas(there)).length > 0);
    if (!plan.replica || !plan.prepared || blocked) {
      await repo.putReplica(primary, { ...entry, status: 'Failed', statusMessage: alreadyExistsMessage(primary.name, plan.region) });
      continue;
    }
    if (there) await repo.delete(there);
    await repo.insert(plan.replica);
    await repo.putReplica(primary, { ...entry, status: 'InProgress', statusMessage: null });
    prepared.push(plan.prepared);
  }
  await model.replication.mirror(primary, prepared);
}

/** The values of every version of `primary` (decrypted as the caller), to replicate them. */
export async function valuesOf(model: SecretsModel, ctx: RequestContext, primary: SecretRecord): Promise<Map<string, SecretValue>> {
  const out = new Map<string, SecretValue>();
  for (const version of await model.repo.versions(primary)) out.set(version.versionId, await model.decrypt(ctx, primary, version));
  return out;
}
