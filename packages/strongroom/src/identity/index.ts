export { bootstrap, BOOTSTRAP_USER, DEFAULT_ACCOUNT_ID, type BootstrapOptions, type BootstrapResult } from './bootstrap.ts';
export { CREDENTIALS_FILE, CREDENTIALS_PROFILE, formatCredentialsFile, writeCredentialsFile } from './credentials-file.ts';
export {
  ACCESS_KEYS_PER_USER,
  accessKeySecretAad,
  IdentityRepository,
  type AccessKeyIdentity,
  type CreatedAccessKey,
  type IamUser,
  type IdentityRepositoryOptions,
} from './identity-repository.ts';
export {
  ACCESS_KEY_ID_PATTERN,
  GROUP_ID_PATTERN,
  groupArn,
  iamArn,
  newAccessKeyId,
  newGroupId,
  newPolicyId,
  newRoleId,
  newSecretAccessKey,
  newUserId,
  parseIamArn,
  POLICY_ID_PATTERN,
  policyArn,
  ROLE_ID_PATTERN,
  roleArn,
  USER_ID_PATTERN,
  userArn,
} from './ids.ts';
export {
  DEFAULT_MAX_SESSION_DURATION,
  MAX_MAX_SESSION_DURATION,
  MIN_MAX_SESSION_DURATION,
  noSuchRole,
  RoleRepository,
  validateTrustPolicy,
  type CreateRoleInput,
  type IamRole,
  type ListRolesOptions,
} from './role-repository.ts';
export { ACCESS_KEY_TOPIC, IAM_CHANGES_TOPIC, publishIamChange } from './iam-changes.ts';
export { MAX_TAGS_PER_ENTITY, tagsToRecord, validateTags, type IamTag } from './iam-tags.ts';
