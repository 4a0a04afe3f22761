export { KmsKeyring, type KmsKeyringOptions } from './kms-keyring.ts';
export { KmsDiscoveryKeyring, type DiscoveryFilter, type KmsDiscoveryKeyringOptions } from './kms-discovery-keyring.ts';
export { kmsClientSupplier, type KmsClientSupplier } from './clients.ts';
export { isMrkIdentifier, isValidKmsIdentifier, mrkMatchForDecrypt, parseKmsArn, type KmsArn } from './arn.ts';
export { KMS_PROVIDER_ID } from './edk.ts';
