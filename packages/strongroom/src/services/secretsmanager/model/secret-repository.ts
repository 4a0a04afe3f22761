/** Rows of sm_secrets / sm_secret_versions ↔ records. Queries go through store.current(), so they join a caller's transaction. */
import type { Selectable } from 'kysely';
import type { Store } from '../../../storage/store.ts';
import type { SmSecretReplicasTable, SmSecretsTable, SmSecretVersionsTable } from '../../../storage/types.ts';
import type { ReplicaEntry, ReplicationStatus, SecretRecord, SecretScope, VersionRecord } from './types.ts';

type SecretKey = SecretScope & { name: string };

const VERSION_COLUMNS = ['version_id', 'stages', 'created_at', 'last_accessed_at', 'kms_key_arn'] as const;

function toSecret(row: Selectable<SmSecretsTable>): SecretRecord {
  return {
    accountId: row.account_id,
    region: row.region,
    name: row.name,
    arn: row.arn,
    description: row.description,
    kmsKeyId: row.kms_key_id,
    tags: JSON.parse(row.tags),
    resourcePolicy: row.resource_policy,
    createdAt: Number(row.created_at),
    lastChangedAt: Number(row.last_changed_at),
    lastAccessedAt: row.last_accessed_at === null ? null : Number(row.last_accessed_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
    purgeAt: row.purge_at === null ? null : Number(row.purge_at),
    primaryRegion: row.primary_region ?? null,
  };
}

function toReplica(row: Selectable<SmSecretReplicasTable>): ReplicaEntry {
  return {
    region: row.replica_region,
    kmsKeyId: row.kms_key_id,
    status: row.status as ReplicationStatus,
    statusMessage: row.status_message,
    addedAt: Number(row.added_at),
  };
}

function toVersion(row: Pick<Selectable<SmSecretVersionsTable>, (typeof VERSION_COLUMNS)[number]>): VersionRecord {
  return {
    versionId: row.version_id,
    stages: JSON.parse(row.stages),
    createdAt: Number(row.created_at),
    lastAccessedAt: row.last_accessed_at === null ? null : Number(row.last_accessed_at),
    kmsKeyArn: row.kms_key_arn,
  };
}

export type SecretPatch = Partial<Pick<SecretRecord, 'description' | 'kmsKeyId' | 'tags' | 'resourcePolicy' | 'lastChangedAt' | 'lastAccessedAt' | 'deletedAt' | 'purgeAt' | 'primaryRegion'>>;

export class SecretRepository {
  constructor(readonly store: Store) {}

  async byName(scope: SecretScope, name: string, lock = false): Promise<SecretRecord | undefined> {
    let q = this.store.current().selectFrom('sm_secrets').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name);
    if (lock) q = this.store.forUpdate(q);
    const row = await q.executeTakeFirst();
    return row && toSecret(row);
  }

  async byArn(arn: string): Promise<SecretRecord | undefined> {
    const row = await this.store.current().selectFrom('sm_secrets').selectAll().where('arn', '=', arn).executeTakeFirst();
    return row && toSecret(row);
  }

  async list(scope: SecretScope): Promise<SecretRecord[]> {
    const rows = await this.store.current().selectFrom('sm_secrets').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute();
    return rows.map(toSecret);
  }

  async insert(secret: SecretRecord): Promise<void> {
    await this.store
      .current()
      .insertInto('sm_secrets')
      .values({
        account_id: secret.accountId,
        region: secret.region,
        name: secret.name,
        arn: secret.arn,
        description: secret.description,
        kms_key_id: secret.kmsKeyId,
        tags: JSON.stringify(secret.tags),
        resource_policy: secret.resourcePolicy,
        created_at: secret.createdAt,
        last_changed_at: secret.lastChangedAt,
        last_accessed_at: secret.lastAccessedAt,
        deleted_at: secret.deletedAt,
        purge_at: secret.purgeAt,
        primary_region: secret.primaryRegion,
      })
      .execute();
  }

  async update(key: SecretKey, patch: SecretPatch): Promise<void> {
    const values: Partial<SmSecretsTable> = {};
    if ('description' in patch) values.description = patch.description ?? null;
    if ('kmsKeyId' in patch) values.kms_key_id = patch.kmsKeyId ?? null;
    if (patch.tags) values.tags = JSON.stringify(patch.tags);
    if ('resourcePolicy' in patch) values.resource_policy = patch.resourcePolicy ?? null;
    if (patch.lastChangedAt !== undefined) values.last_changed_at = patch.lastChangedAt;
    if (patch.lastAccessedAt !== undefined) values.last_accessed_at = patch.lastAccessedAt;
    if ('deletedAt' in patch) values.deleted_at = patch.deletedAt ?? null;
    if ('purgeAt' in patch) values.purge_at = patch.purgeAt ?? null;
    if ('primaryRegion' in patch) values.primary_region = patch.primaryRegion ?? null;
    await this.#where(this.store.current().updateTable('sm_secrets').set(values), key).execute();
  }

  async delete(key: SecretKey): Promise<void> {
    const db = this.store.current();
    await this.#where(db.deleteFrom('sm_secret_replicas'), key).execute();
    await this.#where(db.deleteFrom('sm_secret_versions'), key).execute();
    await this.#where(db.deleteFrom('sm_secrets'), key).execute();
  }

  async versions(key: SecretKey): Promise<VersionRecord[]> {
    const rows = await this.#where(this.store.current().selectFrom('sm_secret_versions').select(VERSION_COLUMNS), key).orderBy('created_at').execute();
    return rows.map(toVersion);
  }

  /** Every version of every secret of the scope (listing), by secret name. */
  async allVersions(scope: SecretScope): Promise<Map<string, VersionRecord[]>> {
    const rows = await this.store
      .current()
      .selectFrom('sm_secret_versions')
      .select([...VERSION_COLUMNS, 'name'])
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .orderBy('created_at')
      .execute();
    const out = new Map<string, VersionRecord[]>();
    for (const row of rows) {
      const list = out.get(row.name) ?? [];
      list.push(toVersion(row));
      out.set(row.name, list);
    }
    return out;
  }

  async sealedValue(key: SecretKey, versionId: string): Promise<Buffer | undefined> {
    const row = await this.#where(this.store.current().selectFrom('sm_secret_versions').select('value_sealed'), key).where('version_id', '=', versionId).executeTakeFirst();
    return row ? Buffer.from(row.value_sealed) : undefined;
  }

  async insertVersion(key: SecretKey, version: VersionRecord, sealed: Buffer): Promise<void> {
    await this.store
      .current()
      .insertInto('sm_secret_versions')
      .values({
        account_id: key.accountId,
        region: key.region,
        name: key.name,
        version_id: version.versionId,
        stages: JSON.stringify(version.stages),
        created_at: version.createdAt,
        last_accessed_at: null,
        kms_key_arn: version.kmsKeyArn,
        value_sealed: sealed,
      })
      .execute();
  }

  async setStages(key: SecretKey, versionId: string, stages: readonly string[]): Promise<void> {
    await this.#where(this.store.current().updateTable('sm_secret_versions').set({ stages: JSON.stringify(stages) }), key).where('version_id', '=', versionId).execute();
  }

  async deleteVersion(key: SecretKey, versionId: string): Promise<void> {
    await this.#where(this.store.current().deleteFrom('sm_secret_versions'), key).where('version_id', '=', versionId).execute();
  }

  async touchVersion(key: SecretKey, versionId: string, at: number): Promise<void> {
    await this.#where(this.store.current().updateTable('sm_secret_versions').set({ last_accessed_at: at }), key).where('version_id', '=', versionId).execute();
  }

  /** The replica Regions a primary records, in the order they were added. */
  async replicas(key: SecretKey): Promise<ReplicaEntry[]> {
    const rows = await this.#where(this.store.current().selectFrom('sm_secret_replicas').selectAll(), key).orderBy('added_at').orderBy('replica_region').execute();
    return rows.map(toReplica);
  }

  /** Every replica entry of the scope's primaries (listing), by secret name. */
  async allReplicas(scope: SecretScope): Promise<Map<string, ReplicaEntry[]>> {
    const rows = await this.store
      .current()
      .selectFrom('sm_secret_replicas')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .orderBy('added_at')
      .orderBy('replica_region')
      .execute();
    const out = new Map<string, ReplicaEntry[]>();
    for (const row of rows) out.set(row.name, [...(out.get(row.name) ?? []), toReplica(row)]);
    return out;
  }

  async putReplica(key: SecretKey, entry: ReplicaEntry): Promise<void> {
    await this.deleteReplica(key, entry.region);
    await this.store
      .current()
      .insertInto('sm_secret_replicas')
      .values({
        account_id: key.accountId,
        region: key.region,
        name: key.name,
        replica_region: entry.region,
        kms_key_id: entry.kmsKeyId,
        status: entry.status,
        status_message: entry.statusMessage,
        added_at: entry.addedAt,
      })
      .execute();
  }

  async setReplicaStatus(key: SecretKey, region: string, status: ReplicationStatus, message: string | null): Promise<void> {
    await this.#where(this.store.current().updateTable('sm_secret_replicas').set({ status, status_message: message }), key).where('replica_region', '=', region).execute();
  }

  async deleteReplica(key: SecretKey, region: string): Promise<void> {
    await this.#where(this.store.current().deleteFrom('sm_secret_replicas'), key).where('replica_region', '=', region).execute();
  }

  /** Secrets whose scheduled deletion is due, oldest first. */
  async due(now: number, limit: number): Promise<SecretKey[]> {
    const q = this.store.current().selectFrom('sm_secrets').select(['account_id', 'region', 'name']).where('purge_at', '<=', now).orderBy('purge_at').limit(limit);
    const rows = await this.store.forUpdateSkipLocked(q).execute();
    return rows.map((r) => ({ accountId: r.account_id, region: r.region, name: r.name }));
  }

  #where<QB extends { where: (...args: any[]) => any }>(qb: QB, key: SecretKey): QB {
    return qb.where('account_id', '=', key.accountId).where('region', '=', key.region).where('name', '=', key.name);
  }
}
