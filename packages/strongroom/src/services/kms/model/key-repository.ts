/**
 * Rows of kms_keys and kms_key_materials ↔ KeyRecord and KeyMaterial. Key
 * material is sealed by the barrier with the material row's identity as AAD
 * and unsealed only when loaded. Queries run on store.current(), so they
 * join the caller's transaction.
 */
import type { Barrier } from '../../../crypto/barrier/barrier.ts';
import { rowAad } from '../../../crypto/barrier/aad.ts';
import { randomBytes } from '../../../crypto/primitives.ts';
import type { ExpirationModelType, KeyManagerType, KeySpec, KeyState, KeyUsageType, OriginType, RotationType } from '../../../protocol/spec/generated/kms.types.ts';
import type { Store } from '../../../storage/store.ts';
import type { KmsKeyMaterialsTable, KmsKeysTable } from '../../../storage/types.ts';
import { keyArn } from './arns.ts';
import type { KeyMaterial, KeyRecord, KeyScope, LoadedKey } from './types.ts';

export type KeyUpdate = Partial<Omit<KmsKeysTable, 'account_id' | 'region' | 'key_id' | 'created_at'>>;

export class KeyRepository {
  readonly #store: Store;
  readonly #barrier: Barrier;

  constructor(store: Store, barrier: Barrier) {
    this.#store = store;
    this.#barrier = barrier;
  }

  /** Material `key` (by default a random AES-256 key) as `version` of a key (not yet stored). */
  newMaterial(version: number, rotationType: RotationType | null, now: number, key: Buffer = randomBytes(32)): KeyMaterial {
    return { version, materialId: randomBytes(32).toString('hex'), key, createdAt: now, rotationType };
  }

  /** A key and its first material; without material for keys awaiting imported material. */
  async insertKey(record: KeyRecord, material: KeyMaterial | undefined): Promise<void> {
    await this.#store.current().insertInto('kms_keys').values(toRow(record, record.createdAt)).execute();
    if (material) await this.insertMaterial(record, record.keyId, material);
  }

  async insertMaterial(scope: KeyScope, keyId: string, material: KeyMaterial): Promise<void> {
    const row: KmsKeyMaterialsTable = {
      account_id: scope.accountId,
      region: scope.region,
      key_id: keyId,
      version: material.version,
      material_id: material.materialId,
      material_sealed: this.#barrier.seal(material.key, materialAad(scope, keyId, material.version)),
      created_at: material.createdAt,
      rotation_type: material.rotationType,
    };
    await this.#store.current().insertInto('kms_key_materials').values(row).execute();
  }

  /** The key row; with `forUpdate`, locked until the transaction ends (PostgreSQL). */
  async getRecord(scope: KeyScope, keyId: string, options: { forUpdate?: boolean } = {}): Promise<KeyRecord | undefined> {
    let query = this.#store
      .current()
      .selectFrom('kms_keys')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId);
    if (options.forUpdate) query = this.#store.forUpdate(query);
    const row = await query.executeTakeFirst();
    return row && toRecord(row);
  }

  /** The key with every material version, unsealed. */
  async loadKey(scope: KeyScope, keyId: string): Promise<LoadedKey | undefined> {
    const record = await this.getRecord(scope, keyId);
    if (!record) return undefined;
    const rows = await this.#store
      .current()
      .selectFrom('kms_key_materials')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId)
      .execute();
    const materials = new Map<number, KeyMaterial>();
    for (const row of rows) {
      materials.set(row.version, {
        version: row.version,
        materialId: row.material_id,
        key: this.#barrier.open(row.material_sealed, materialAad(scope, keyId, row.version)),
        createdAt: row.created_at,
        rotationType: row.rotation_type as RotationType | null,
      });
    }
    return { record, materials };
  }

  /** Material versions without unsealing them (ListKeyRotations). */
  async listMaterials(scope: KeyScope, keyId: string): Promise<Array<Omit<KeyMaterial, 'key'>>> {
    const rows = await this.#store
      .current()
      .selectFrom('kms_key_materials')
      .select(['version', 'material_id', 'created_at', 'rotation_type'])
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId)
      .orderBy('version')
      .execute();
    return rows.map((r) => ({ version: r.version, materialId: r.material_id, createdAt: r.created_at, rotationType: r.rotation_type as RotationType | null }));
  }

  /** Applies `update` (plus updated_at); with `where`, only if the row still matches. Returns whether a row changed. */
  async updateKey(scope: KeyScope, keyId: string, update: KeyUpdate, now: number, where: KeyUpdate = {}): Promise<boolean> {
    let query = this.#store
      .current()
      .updateTable('kms_keys')
      .set({ ...update, updated_at: now })
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId);
    for (const [column, value] of Object.entries(where)) {
      query = query.where(column as keyof KmsKeysTable, value === null ? 'is' : '=', value as never);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Key ids and ARNs in key-id order after `afterKeyId`, skipping keys whose deletion date has passed. */
  async listKeys(scope: KeyScope, now: number, afterKeyId: string | undefined, limit: number): Promise<Array<{ keyId: string; arn: string }>> {
    let query = this.#store
      .current()
      .selectFrom('kms_keys')
      .select('key_id')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where((eb) => eb.or([eb('deletion_date', 'is', null), eb('deletion_date', '>', now)]))
      .orderBy('key_id')
      .limit(limit);
    if (afterKeyId !== undefined) query = query.where('key_id', '>', afterKeyId);
    const rows = await query.execute();
    return rows.map((r) => ({ keyId: r.key_id, arn: keyArn(scope, r.key_id) }));
  }
}

export function materialAad(scope: KeyScope, keyId: string, version: number): string {
  return rowAad('kms_key_materials', [scope.accountId, scope.region, keyId, String(version)], 'material_sealed');
}

function toRow(record: KeyRecord, now: number): KmsKeysTable {
  return {
    account_id: record.accountId,
    region: record.region,
    key_id: record.keyId,
    description: record.description,
    key_spec: record.keySpec,
    key_usage: record.keyUsage,
    origin: record.origin,
    key_manager: record.keyManager,
    key_state: record.keyState,
    policy: record.policy,
    created_at: record.createdAt,
    updated_at: now,
    deletion_date: record.deletionDate,
    rotation_enabled: record.rotationEnabled ? 1 : 0,
    rotation_period_days: record.rotationPeriodDays,
    next_rotation_at: record.nextRotationAt,
    on_demand_rotations: record.onDemandRotations,
    current_material_version: record.currentMaterialVersion,
  };
}

function toRecord(row: KmsKeysTable): KeyRecord {
  const scope = { accountId: row.account_id, region: row.region };
  return {
    ...scope,
    keyId: row.key_id,
    arn: keyArn(scope, row.key_id),
    description: row.description,
    keySpec: row.key_spec as KeySpec,
    keyUsage: row.key_usage as KeyUsageType,
    origin: row.origin as OriginType,
    keyManager: row.key_manager as KeyManagerType,
    keyState: row.key_state as KeyState,
    policy: row.policy,
    createdAt: Number(row.created_at),
    deletionDate: row.deletion_date === null ? null : Number(row.deletion_date),
    rotationEnabled: row.rotation_enabled === 1,
    rotationPeriodDays: row.rotation_period_days,
    nextRotationAt: row.next_rotation_at === null ? null : Number(row.next_rotation_at),
    onDemandRotations: row.on_demand_rotations,
    currentMaterialVersion: row.current_material_version,
    expirationModel: (row.expiration_model ?? null) as ExpirationModelType | null,
    validTo: row.valid_to === null || row.valid_to === undefined ? null : Number(row.valid_to),
    importedMaterialId: row.imported_material_id ?? null,
  };
}
