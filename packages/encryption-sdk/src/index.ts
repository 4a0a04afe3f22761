/**
 * @strongroom/encryption-sdk — client-side envelope encryption in the AWS
 * Encryption SDK message format (v1 and v2), interoperable with the official
 * SDKs. The API mirrors @aws-crypto/client-node:
 *
 *   const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
 *   const { result } = await encrypt(keyring, plaintext, { encryptionContext });
 *   const { plaintext, messageHeader } = await decrypt(keyring, result);
 */
export { buildClient, toCmm } from './client.ts';
export type { ClientOptions, EncryptionSdkClient, KeyringOrCmm, MessageInput, WebTransformPair, EncryptOptions, DecryptOptions, DecryptStreamOptions, EncryptOutput, DecryptOutput } from './client.ts';
export { EncryptStream, DecryptStream } from './message/streams.ts';
export { CommitmentPolicy } from './commitment-policy.ts';
export type { MessageHeader } from './format/header.ts';

export {
  ALGORITHM_SUITES,
  AlgorithmSuiteIdentifier,
  suiteById,
  DEFAULT_SUITE_FOR,
  DEFAULT_COMMITMENT_POLICY,
  policyAllowsEncrypt,
  policyAllowsDecrypt,
} from './suites.ts';
export type { AlgorithmSuite, SuiteHash } from './suites.ts';

export type {
  EncryptionContext,
  EncryptedDataKey,
  EncryptionMaterials,
  DecryptionMaterials,
  Keyring,
  CryptographicMaterialsManager,
  EncryptionMaterialsRequest,
  DecryptionMaterialsRequest,
} from './materials.ts';

export * from './errors.ts';

export { DefaultCryptographicMaterialsManager } from './cmm/default-cmm.ts';
export { RequiredEncryptionContextCmm } from './cmm/required-encryption-context-cmm.ts';
export { RawAesKeyring, type RawAesKeyringOptions } from './keyrings/raw-aes.ts';
export { RawRsaKeyring, RSA_PADDINGS, type RawRsaKeyringOptions, type RsaPadding } from './keyrings/raw-rsa.ts';
export { MultiKeyring, type MultiKeyringOptions } from './keyrings/multi.ts';

export { serializeEncryptionContext } from './format/encryption-context.ts';
export { serializeEncryptedDataKey } from './format/header.ts';

export * from './keyrings/kms/index.ts';
export * from './caching/index.ts';
