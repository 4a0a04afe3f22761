/**
 * Multi-Region replication. A replica is a secret row in another Region with
 * the same name, the primary's ARN with that Region, `primaryRegion` set, the
 * primary's metadata (description, tags, resource policy) and every version
 * with its staging labels, re-encrypted under the replica's KMS key in the
 * replica's Region (GenerateDataKey as the caller, there).
 *
 * AWS replicates asynchronously (a new replica starts InProgress). Strongroom
 * replicates synchronously, in the request that changed the primary: KMS work
 * happens first (prepare), then the primary's change and every replica's copy
 * are written in one database transaction (mirror), so a restart never leaves
 * a half-applied replica and nothing waits in a queue to be lost. A replica
 * whose key cannot be used is marked Failed and caught up by the next change
 * of the primary (or ReplicateSecretToRegions for that Region again).
 */
import { AwsError } from '../../../errors/aws-error.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { ReplicationStatusType } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { SecretsModel } from './secrets-model.ts';
import type { ReplicaEntry, ReplicationStatus, SecretRecord, SecretValue, VersionRecord } from './types.ts';

export const IN_SYNC_MESSAGE = 'Replication succeeded';
const MANAGED_KEY_ALIAS = 'alias/aws/secretsmanager';
const REGION = /^([a-z]+-)+\d+$/;

/** The replica's ARN: the primary's with the replica's Region. */
export function replicaArn(primaryArn: string, region: string): string {
  const parts = primaryArn.split(':');
  parts[3] = region;
  return parts.join(':');
}

export function isValidRegion(region: string): boolean {
  return REGION.test(region);
}

export function alreadyExistsMessage(name: string, region: string): string {
  return `Replication failed: Secret name ${name} already exists in region ${region}.`;
}

/** Why KMS refused, as a replication status message. */
export function failureMessage(error: unknown): string {
  const reason = error instanceof AwsError ? error.message : 'Internal error';
  return `Replication failed: ${reason}`;
}

/** A replica entry as ReplicationStatus shows it (KmsKeyId: as given, or alias/aws/secretsmanager). */
export function statusView(entry: ReplicaEntry, replica?: SecretRecord): ReplicationStatusType {
  const out: ReplicationStatusType = { Region: entry.region, KmsKeyId: entry.kmsKeyId ?? MANAGED_KEY_ALIAS, Status: entry.status };
  if (entry.statusMessage !== null) out.StatusMessage = entry.statusMessage;
  if (replica?.lastAccessedAt != null) out.LastAccessedDate = new Date(replica.lastAccessedAt);
  return out;
}

/** Whether `row` (in some Region) is the replica of `primary` — not a stranger with the same name, nor a promoted ex-replica. */
export function isReplicaOf(row: SecretRecord | undefined, primary: SecretRecord): boolean {
  return row !== undefined && row.primaryRegion === primary.region && row.arn === replicaArn(primary.arn, row.region);
}

type Sealed = { kmsKeyArn: string; sealed: Buffer };

/** What one replica needs written, found before the transaction. */
export interface PreparedReplica {
  region: string;
  /** Sealed copies of the versions the replica lacks, by version id. */
  sealed: Map<string, Sealed>;
  /** Set when KMS refused: the replica is marked Failed with this message and left as it is. */
  failure?: string;
}

export class Replicator {
  readonly #model: SecretsModel;

  constructor(model: SecretsModel) {
    this.#model = model;
  }

  get #repo() {
    return this.#model.repo;
  }

  /** The replica row of `primary` in `region`, if there is one (locked inside a transaction when asked). */
  async replicaIn(primary: SecretRecord, region: string, lock = false): Promise<SecretRecord | undefined> {
    const row = await this.#repo.byName({ accountId: primary.accountId, region }, primary.name, lock);
    return row && isReplicaOf(row, primary) ? row : undefined;
  }

  /**
   * Before a change of `primary`: for every replica it has, encrypts under the
   * replica's key the versions the replica lacks (`added`, the version the change
   * adds, included). Values of older versions are decrypted from the primary as
   * the caller; each value is decrypted at most once.
   */
  async prepare(ctx: RequestContext, primary: SecretRecord, added?: { versionId: string; value: SecretValue }): Promise<PreparedReplica[]> {
    const entries = await this.#repo.replicas(primary);
    if (!entries.length) return [];
    const versions = await this.#repo.versions(primary);
    const values = new Map<string, SecretValue>();
    if (added) values.set(added.versionId, added.value);
    const valueOf = async (version: VersionRecord) => {
      let value = values.get(version.versionId);
      if (!value) {
        value = await this.#model.decrypt(ctx, primary, version);
        values.set(version.versionId, value);
      }
      return value;
    };
    const out: PreparedReplica[] = [];
    for (const entry of entries) {
      const replica = await this.replicaIn(primary, entry.region);
      if (!replica) continue;
      const have = new Set((await this.#repo.versions(replica)).map((v) => v.versionId));
      const missing = versions.filter((v) => !have.has(v.versionId)).map((v) => v.versionId);
      if (added && !have.has(added.versionId) && !missing.includes(added.versionId)) missing.push(added.versionId);
      const prepared: PreparedReplica = { region: entry.region, sealed: new Map() };
      try {
        for (const versionId of missing) {
          const version = versions.find((v) => v.versionId === versionId);
          const value = version ? await valueOf(version) : values.get(versionId)!;
          prepared.sealed.set(versionId, await this.#model.encrypt(ctx, replica, versionId, value));
        }
      } catch (error) {
        prepared.failure = failureMessage(error);
        prepared.sealed.clear();
      }
      out.push(prepared);
    }
    return out;
  }

  /**
   * Inside the transaction, after the primary changed: makes each prepared
   * replica mirror the primary (metadata, versions, labels) and records its
   * status. A version the primary gained since prepare (a concurrent change)
   * leaves the replica InProgress until the next change.
   */
  async mirror(primaryKey: SecretRecord, prepared: readonly PreparedReplica[]): Promise<void> {
    if (!prepared.length) return;
    const primary = await this.#repo.byName(primaryKey, primaryKey.name);
    if (!primary) return;
    const versions = await this.#repo.versions(primary);
    for (const p of prepared) {
      if (p.failure !== undefined) {
        await this.#repo.setReplicaStatus(primary, p.region, 'Failed', p.failure);
        continue;
      }
      const replica = await this.replicaIn(primary, p.region, true);
      if (!replica) continue;
      const complete = await this.#copy(primary, versions, replica, p.sealed);
      const status: ReplicationStatus = complete ? 'InSync' : 'InProgress';
      await this.#repo.setReplicaStatus(primary, p.region, status, complete ? IN_SYNC_MESSAGE : null);
    }
  }

  /** Writes the primary's metadata, versions and labels onto the replica row; false when a version could not be copied. */
  async #copy(primary: SecretRecord, versions: readonly VersionRecord[], replica: SecretRecord, sealed: ReadonlyMap<string, Sealed>): Promise<boolean> {
    const existing = new Map((await this.#repo.versions(replica)).map((v) => [v.versionId, v]));
    let complete = true;
    for (const v of versions) {
      const have = existing.get(v.versionId);
      if (have) {
        if (have.stages.join('\n') !== v.stages.join('\n')) await this.#repo.setStages(replica, v.versionId, v.stages);
        continue;
      }
      const copy = sealed.get(v.versionId);
      if (!copy) {
        complete = false;
        continue;
      }
      await this.#repo.insertVersion(replica, { versionId: v.versionId, stages: [...v.stages], createdAt: v.createdAt, lastAccessedAt: null, kmsKeyArn: copy.kmsKeyArn }, copy.sealed);
    }
    const kept = new Set(versions.map((v) => v.versionId));
    for (const id of existing.keys()) if (!kept.has(id)) await this.#repo.deleteVersion(replica, id);
    await this.#repo.update(replica, {
      description: primary.description,
      tags: primary.tags,
      resourcePolicy: primary.resourcePolicy,
      lastChangedAt: primary.lastChangedAt,
      deletedAt: primary.deletedAt,
      purgeAt: primary.purgeAt,
    });
    return complete;
  }

  /** A new replica row of `primary` in `region` under `kmsKeyId` (as given; null: that Region's aws/secretsmanager), no versions yet. */
  newReplica(primary: SecretRecord, region: string, kmsKeyId: string | null, now: number): SecretRecord {
    return {
      accountId: primary.accountId,
      region,
      name: primary.name,
      arn: replicaArn(primary.arn, region),
      description: primary.description,
      kmsKeyId,
      tags: primary.tags,
      resourcePolicy: primary.resourcePolicy,
      createdAt: now,
      lastChangedAt: primary.lastChangedAt,
      lastAccessedAt: null,
      deletedAt: null,
      purgeAt: null,
      primaryRegion: primary.region,
    };
  }
}
