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
  /** Added by migration 003. */
  permissions_boundary_arn: string | null;
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
  /** Imported material (migration 008): KEY_MATERIAL_EXPIRES / _DOES_NOT_EXPIRE while material is imported, else null. */
  expiration_model?: string | null;
  /** When the imported material expires (KEY_MATERIAL_EXPIRES), else null. */
  valid_to?: EpochMs | null;
  /** The id of the material an EXTERNAL key is bound to once imported; kept after the material is deleted. */
  imported_material_id?: string | null;
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

/** GetParametersForImport's answers (migration 008); the wrapping private key sealed by the barrier. */
export interface KmsImportParametersTable {
  account_id: string;
  region: string;
  key_id: string;
  token_id: string;
  wrapping_algorithm: string;
  wrapping_key_spec: string;
  /** Barrier envelope of the PKCS#8 private key (AAD: rowAad('kms_import_parameters', [account, region, tokenId], 'private_key_sealed')). */
  private_key_sealed: Buffer;
  created_at: EpochMs;
  valid_to: EpochMs;
}

export interface KmsAliasesTable {
  account_id: string;
  region: string;
  alias_name: string;
  target_key_id: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** One region's part of a multi-Region key (migration 009). */
export interface KmsMultiRegionKeysTable {
  account_id: string;
  region: string;
  key_id: string;
  key_type: 'PRIMARY' | 'REPLICA';
  /** A primary in PendingReplicaDeletion: its waiting period, started when its last replica is deleted. */
  pending_window_days: number | null;
}

export interface KmsKeyTagsTable {
  account_id: string;
  region: string;
  key_id: string;
  tag_key: string;
  tag_value: string;
}

/** IAM (migration 003). Names are unique per account regardless of case. */
export type IamOwnerType = 'user' | 'group' | 'role';

export interface IamUserTagsTable {
  account_id: string;
  user_name: string;
  tag_key: string;
  tag_value: string;
}

export interface IamGroupsTable {
  account_id: string;
  group_name: string;
  /** AGPA + 17 characters. */
  group_id: string;
  path: string;
  arn: string;
  created_at: EpochMs;
}

export interface IamGroupMembersTable {
  account_id: string;
  group_name: string;
  user_name: string;
  added_at: EpochMs;
}

export interface IamRolesTable {
  account_id: string;
  role_name: string;
  /** AROA + 17 characters. */
  role_id: string;
  path: string;
  arn: string;
  /** The trust policy (JSON, as given). */
  assume_role_policy: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary_arn: string | null;
  created_at: EpochMs;
}

export interface IamRoleTagsTable {
  account_id: string;
  role_name: string;
  tag_key: string;
  tag_value: string;
}

export interface IamInlinePoliciesTable {
  account_id: string;
  owner_type: IamOwnerType;
  owner_name: string;
  policy_name: string;
  document: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** Customer managed policies (AWS managed ones live in code). */
export interface IamManagedPoliciesTable {
  account_id: string;
  policy_name: string;
  /** ANPA + 17 characters. */
  policy_id: string;
  path: string;
  arn: string;
  description: string | null;
  default_version_id: string;
  next_version: number;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface IamPolicyVersionsTable {
  account_id: string;
  policy_name: string;
  version_id: string;
  document: string;
  created_at: EpochMs;
}

export interface IamPolicyAttachmentsTable {
  account_id: string;
  owner_type: IamOwnerType;
  owner_name: string;
  policy_arn: string;
  attached_at: EpochMs;
}

export type StsPrincipalType = 'root' | 'user' | 'assumed-role';

/** Temporary credentials issued by STS (GetSessionToken, AssumeRole). */
export interface StsSessionsTable {
  /** ASIA + 16 characters of A–Z2–7 (encodes the account, as AWS's do). */
  access_key_id: string;
  account_id: string;
  principal_type: StsPrincipalType;
  /** The user's or root's ARN, or the session ARN arn:aws:sts::<acct>:assumed-role/<role>/<session>. */
  principal_arn: string;
  /** AIDA… (user), the account id (root), AROA…:<session name> (assumed role). */
  principal_id: string;
  user_name: string | null;
  role_arn: string | null;
  role_id: string | null;
  role_session_name: string | null;
  source_identity: string | null;
  /** SHA-256 of the session token (the token is a bearer secret and is not stored). */
  token_hash: Buffer;
  /** Barrier envelope of the secret access key (AAD: rowAad('sts_sessions', [id], 'secret_sealed')). */
  secret_sealed: Buffer;
  /** Inline session policy (JSON text). */
  session_policy: string | null;
  /** JSON array of managed session policy ARNs. */
  policy_arns: string | null;
  /** JSON object of session tags (key → value). */
  tags: string | null;
  /** JSON array of the transitive tag keys (lower-cased). */
  transitive_tag_keys: string | null;
  issued_at: EpochMs;
  expires_at: EpochMs;
}

/** A KMS grant (no secrets). Operations comma-separated; constraints JSON ({"EncryptionContextEquals"|"EncryptionContextSubset": {…}}). */
export interface KmsGrantsTable {
  account_id: string;
  region: string;
  key_id: string;
  /** 64 hex characters. */
  grant_id: string;
  name: string | null;
  grantee_principal: string | null;
  grantee_service_principal: string | null;
  retiring_principal: string | null;
  retiring_service_principal: string | null;
  issuing_account: string;
  operations: string;
  constraints: string | null;
  created_at: EpochMs;
}

/** A Secrets Manager secret (no secrets here). Tags: JSON [{Key, Value}]. deleted_at/purge_at set while scheduled for deletion. */
export interface SmSecretsTable {
  account_id: string;
  region: string;
  name: string;
  arn: string;
  description: string | null;
  /** As given (key id, ARN or alias); null: the AWS managed key alias/aws/secretsmanager. */
  kms_key_id: string | null;
  tags: string;
  resource_policy: string | null;
  created_at: EpochMs;
  last_changed_at: EpochMs;
  last_accessed_at: EpochMs | null;
  deleted_at: EpochMs | null;
  purge_at: EpochMs | null;
  /** Set on a replica (migration 010): the Region of its primary; null for a primary or standalone secret. */
  primary_region: string | null;
}

/** A replica Region of a primary secret (migration 010). kms_key_id as given (null: aws/secretsmanager); status InSync | Failed | InProgress. */
export interface SmSecretReplicasTable {
  account_id: string;
  /** The primary's Region. */
  region: string;
  name: string;
  replica_region: string;
  kms_key_id: string | null;
  status: string;
  status_message: string | null;
  added_at: EpochMs;
}

/** A secret version. stages: JSON array of staging labels. value_sealed: barrier envelope of the KMS envelope (AAD: rowAad('sm_secret_versions', [arn, version_id], 'value_sealed')). */
export interface SmSecretVersionsTable {
  account_id: string;
  region: string;
  name: string;
  version_id: string;
  stages: string;
  created_at: EpochMs;
  last_accessed_at: EpochMs | null;
  kms_key_arn: string;
  value_sealed: Buffer;
}

/** SSM parameters (migration 006): current metadata of each parameter; no values here. */
export interface SsmParametersTable {
  account_id: string;
  region: string;
  name: string;
  /** The path one level up: "/a/b" for "/a/b/c", "/" for "/c" and for names without a slash. */
  parent_path: string;
  type: string;
  tier: string;
  data_type: string;
  key_id: string | null;
  version: number;
  description: string | null;
  allowed_pattern: string | null;
  policies: string | null;
  /** From an Expiration policy: when the scheduler deletes the parameter. */
  expires_at: EpochMs | null;
  last_modified: EpochMs;
  last_modified_user: string;
}

/** One version of a parameter; the value only sealed (AAD: rowAad('ssm_parameter_versions', [account, region, name, version], 'value_sealed')). */
export interface SsmParameterVersionsTable {
  account_id: string;
  region: string;
  name: string;
  version: number;
  type: string;
  tier: string;
  data_type: string;
  key_id: string | null;
  description: string | null;
  allowed_pattern: string | null;
  policies: string | null;
  value_sealed: Buffer;
  last_modified: EpochMs;
  last_modified_user: string;
}

export interface SsmParameterLabelsTable {
  account_id: string;
  region: string;
  name: string;
  label: string;
  version: number;
}

export interface SsmParameterTagsTable {
  account_id: string;
  region: string;
  name: string;
  tag_key: string;
  tag_value: string;
}

/** Migration 011: a Lambda function, its zip and (sealed) environment. */
export interface LambdaFunctionsTable {
  account_id: string;
  region: string;
  name: string;
  arn: string;
  function_id: string;
  runtime: string;
  handler: string;
  role: string;
  description: string;
  timeout_seconds: number;
  memory_size: number;
  /** Barrier envelope of the Environment.Variables JSON; AAD rowAad('lambda_functions', [arn], 'environment_sealed'). */
  environment_sealed: Buffer | null;
  code_zip: Buffer;
  /** Base64 SHA-256 of the zip, as CodeSha256. */
  code_sha256: string;
  code_size: number;
  resource_policy: string | null;
  revision_id: string;
  last_modified: EpochMs;
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
  iam_user_tags: IamUserTagsTable;
  iam_groups: IamGroupsTable;
  iam_group_members: IamGroupMembersTable;
  iam_roles: IamRolesTable;
  iam_role_tags: IamRoleTagsTable;
  iam_inline_policies: IamInlinePoliciesTable;
  iam_managed_policies: IamManagedPoliciesTable;
  iam_policy_versions: IamPolicyVersionsTable;
  iam_policy_attachments: IamPolicyAttachmentsTable;
  sts_sessions: StsSessionsTable;
  kms_grants: KmsGrantsTable;
  ssm_parameters: SsmParametersTable;
  ssm_parameter_versions: SsmParameterVersionsTable;
  ssm_parameter_labels: SsmParameterLabelsTable;
  ssm_parameter_tags: SsmParameterTagsTable;
  sm_secrets: SmSecretsTable;
  sm_secret_versions: SmSecretVersionsTable;
  kms_multi_region_keys: KmsMultiRegionKeysTable;
  sm_secret_replicas: SmSecretReplicasTable;
  kms_import_parameters: KmsImportParametersTable;
  lambda_functions: LambdaFunctionsTable;
}
