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
export { ACCESS_KEY_ID_PATTERN, newAccessKeyId, newSecretAccessKey, newUserId, USER_ID_PATTERN, userArn } from './ids.ts';
