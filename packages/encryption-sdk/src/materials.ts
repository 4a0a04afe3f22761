/**
 * The contracts between the message layer, cryptographic materials managers
 * (CMMs) and keyrings, after the AWS Encryption SDK specification's
 * framework/ chapter. Materials are immutable values: a keyring or CMM
 * returns a new object instead of changing the one it was given.
 */
import type { KeyObject } from 'node:crypto';
import type { AlgorithmSuite } from './suites.ts';

export type CommitmentPolicy = 'FORBID_ENCRYPT_ALLOW_DECRYPT' | 'REQUIRE_ENCRYPT_ALLOW_DECRYPT' | 'REQUIRE_ENCRYPT_REQUIRE_DECRYPT';

/** UTF-8 string pairs, bound to the message as the header's AAD. */
export type EncryptionContext = Readonly<Record<string, string>>;

/** One wrapped copy of the data key, as the header stores it. */
export interface EncryptedDataKey {
  /** UTF-8 on the wire; "aws-kms" for KMS keyrings, the key namespace for raw keyrings. */
  readonly providerId: string;
  /** Opaque bytes: the KMS key ARN (UTF-8) for KMS, the key name ‖ IV data for raw AES. */
  readonly providerInfo: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface EncryptionMaterials {
  readonly suite: AlgorithmSuite;
  /** Includes "aws-crypto-public-key" for signed suites (added by the default CMM). */
  readonly encryptionContext: EncryptionContext;
  /** Set by the first (generator) keyring; length = suite.keyBytes. */
  readonly plaintextDataKey?: Uint8Array;
  readonly encryptedDataKeys: readonly EncryptedDataKey[];
  /** The ECDSA private key for signed suites. */
  readonly signingKey?: KeyObject;
  /**
   * Keys of `encryptionContext` that are authenticated but not stored in the
   * message header (Required Encryption Context CMM); the decrypting caller
   * must supply them again.
   */
  readonly requiredEncryptionContextKeys?: readonly string[];
}

export interface DecryptionMaterials {
  readonly suite: AlgorithmSuite;
  readonly encryptionContext: EncryptionContext;
  /** Set by the keyring that could decrypt one of the EDKs. */
  readonly plaintextDataKey?: Uint8Array;
  /** The ECDSA public key for signed suites (from "aws-crypto-public-key"). */
  readonly verificationKey?: KeyObject;
  /** Keys of `encryptionContext` that came from the caller, not from the header (see EncryptionMaterials). */
  readonly requiredEncryptionContextKeys?: readonly string[];
}

/** Wraps and unwraps data keys. A keyring that cannot help returns the materials unchanged. */
export interface Keyring {
  onEncrypt(materials: EncryptionMaterials): Promise<EncryptionMaterials>;
  onDecrypt(materials: DecryptionMaterials, encryptedDataKeys: readonly EncryptedDataKey[]): Promise<DecryptionMaterials>;
}

export interface EncryptionMaterialsRequest {
  readonly encryptionContext: EncryptionContext;
  readonly commitmentPolicy: CommitmentPolicy;
  /** The caller's suite; the CMM picks the policy's default when absent. */
  readonly suite?: AlgorithmSuite;
  /** Known for one-shot encryption; absent for streams of unknown length. */
  readonly plaintextLength?: number;
  /** Keys a wrapping CMM wants authenticated but not stored (Required Encryption Context CMM). */
  readonly requiredEncryptionContextKeys?: readonly string[];
}

export interface DecryptionMaterialsRequest {
  readonly suite: AlgorithmSuite;
  readonly encryptedDataKeys: readonly EncryptedDataKey[];
  readonly encryptionContext: EncryptionContext;
  readonly commitmentPolicy: CommitmentPolicy;
  /** The pairs the decrypting caller supplied (decrypt's `encryptionContext` option). */
  readonly reproducedEncryptionContext?: EncryptionContext;
}

/** Turns a request into complete materials (data key, EDKs, signing keys). */
export interface CryptographicMaterialsManager {
  getEncryptionMaterials(request: EncryptionMaterialsRequest): Promise<EncryptionMaterials>;
  decryptMaterials(request: DecryptionMaterialsRequest): Promise<DecryptionMaterials>;
}
