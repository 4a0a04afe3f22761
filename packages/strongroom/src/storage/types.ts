/**
 * The row types of every table, shared by both engines. Portable column
 * conventions: timestamps are integer epoch milliseconds (`number`), binary
 * is `Buffer`, booleans are the integers 0/1. Secret material only ever sits
 * in `*_sealed` columns, which hold barrier envelopes.
 */
export type Engine = 'sqlite' | 'postgres';

/** Epoch milliseconds, an integer. */
export type EpochMs = number;

/** 0 = false, 1 = true. */
export type IntBool = 0 | 1;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: EpochMs;
}

/** Small store-wide facts: the barrier canary, the passphrase salt, bootstrap marker. */
export interface StrongroomMetaTable {
  key: string;
  value: string;
}

export interface AccountsTable {
  account_id: string;
  created_at: EpochMs;
}

export interface IamUsersTable {
  account_id: string;
  user_name: string;
  /** AIDA + 17 characters of A–Z2–7. */
  user_id: string;
  path: string;
  arn: string;
  created_at: EpochMs;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeysTable {
  /** AKIA + 16 characters of A–Z2–7. */
  access_key_id: string;
  account_id: string;
  user_name: string;
  status: AccessKeyStatus;
  /** Barrier envelope of the secret access key (AAD: rowAad('access_keys', [id], 'secret_sealed')). */
  secret_sealed: Buffer;
  created_at: EpochMs;
  last_used_at: EpochMs | null;
}

/** A KMS key's metadata (no secrets). Timestamps epoch ms; enums as AWS spells them. */
export interface KmsKeysTable {
  account_id: string;
  region: string;
  key_id: string;
  description: string;
  key_spec: string;
  key_usage: string;
  origin: string;
  key_manager: 'AWS' | 'CUSTOMER';
  key_state: string;
  policy: string;
  created_at: EpochMs;
  updated_at: EpochMs;
  deletion_date: EpochMs | null;
  rotation_enabled: IntBool;
  rotation_period_days: number | null;
  next_rotation_at: EpochMs | null;
  on_demand_rotations: number;
  current_material_version: number;
}

export interface KmsKeyMaterialsTable {
  account_id: string;
  region: string;
  key_id: string;
  version: number;
  material_id: string;
  /** Barrier envelope of the AES key (AAD: rowAad('kms_key_materials', [account, region, keyId, version], 'material_sealed')). */
  material_sealed: Buffer;
  created_at: EpochMs;
  rotation_type: string | null;
}

export interface KmsAliasesTable {
  account_id: string;
  region: string;
  alias_name: string;
  target_key_id: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface KmsKeyTagsTable {
  account_id: string;
  region: string;
  key_id: string;
  tag_key: string;
  tag_value: string;
}

export interface Database {
  schema_migrations: SchemaMigrationsTable;
  strongroom_meta: StrongroomMetaTable;
  accounts: AccountsTable;
  iam_users: IamUsersTable;
  access_keys: AccessKeysTable;
  kms_keys: KmsKeysTable;
  kms_key_materials: KmsKeyMaterialsTable;
  kms_aliases: KmsAliasesTable;
  kms_key_tags: KmsKeyTagsTable;
}
