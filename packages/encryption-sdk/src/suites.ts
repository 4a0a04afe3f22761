/**
 * The AWS Encryption SDK algorithm suites (specification
 * framework/algorithm-suites.md). All use AES-GCM with a 12-byte IV and a
 * 16-byte tag.
 */
import type { CommitmentPolicy } from './materials.ts';

export type SuiteHash = 'sha256' | 'sha384' | 'sha512';

export interface AlgorithmSuite {
  /** The 2-byte id in the header, e.g. 0x0578. */
  readonly id: number;
  readonly name: string;
  readonly messageFormatVersion: 1 | 2;
  /** Data key and derived encryption key length in bytes. */
  readonly keyBytes: 16 | 24 | 32;
  /** AES-GCM cipher name for node:crypto. */
  readonly cipher: 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm';
  readonly kdf: { readonly hash: SuiteHash } | 'identity';
  readonly committing: boolean;
  readonly signature?: { readonly curve: 'P-256' | 'P-384'; readonly hash: 'sha256' | 'sha384' };
  /** False for the identity-KDF suites: their data keys must never be cached. */
  readonly cacheSafe: boolean;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SUITE_IV_BYTES = IV_BYTES;
export const SUITE_TAG_BYTES = TAG_BYTES;
/** Length of the commit key stored as the v2 header's Algorithm Suite Data. */
export const COMMIT_KEY_BYTES = 32;

type SuiteRow = [id: number, name: string, keyBytes: 16 | 24 | 32, kdf: SuiteHash | 'identity', signature?: 'P-256' | 'P-384'];

const ROWS: SuiteRow[] = [
  [0x0014, 'ALG_AES128_GCM_IV12_TAG16', 16, 'identity'],
  [0x0046, 'ALG_AES192_GCM_IV12_TAG16', 24, 'identity'],
  [0x0078, 'ALG_AES256_GCM_IV12_TAG16', 32, 'identity'],
  [0x0114, 'ALG_AES128_GCM_IV12_TAG16_HKDF_SHA256', 16, 'sha256'],
  [0x0146, 'ALG_AES192_GCM_IV12_TAG16_HKDF_SHA256', 24, 'sha256'],
  [0x0178, 'ALG_AES256_GCM_IV12_TAG16_HKDF_SHA256', 32, 'sha256'],
  [0x0214, 'ALG_AES128_GCM_IV12_TAG16_HKDF_SHA256_ECDSA_P256', 16, 'sha256', 'P-256'],
  [0x0346, 'ALG_AES192_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384', 24, 'sha384', 'P-384'],
  [0x0378, 'ALG_AES256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384', 32, 'sha384', 'P-384'],
  [0x0478, 'ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY', 32, 'sha512'],
  [0x0578, 'ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384', 32, 'sha512', 'P-384'],
];

function toSuite([id, name, keyBytes, kdf, curve]: SuiteRow): AlgorithmSuite {
  const committing = id === 0x0478 || id === 0x0578;
  return Object.freeze({
    id,
    name,
    messageFormatVersion: committing ? 2 : 1,
    keyBytes,
    cipher: `aes-${keyBytes * 8}-gcm` as AlgorithmSuite['cipher'],
    kdf: kdf === 'identity' ? 'identity' : Object.freeze({ hash: kdf }),
    committing,
    signature: curve ? Object.freeze({ curve, hash: curve === 'P-256' ? 'sha256' : 'sha384' } as const) : undefined,
    cacheSafe: kdf !== 'identity',
  });
}

/** Every ESDK suite, in id order. */
export const ALGORITHM_SUITES: readonly AlgorithmSuite[] = Object.freeze(ROWS.map(toSuite));

const BY_ID = new Map(ALGORITHM_SUITES.map((suite) => [suite.id, suite]));

/** Suite ids by their names, after @aws-crypto's AlgorithmSuiteIdentifier. */
export const AlgorithmSuiteIdentifier = Object.freeze(Object.fromEntries(ALGORITHM_SUITES.map((suite) => [suite.name, suite.id]))) as Readonly<Record<string, number>>;

/** The suite with this id, or undefined when it is not an ESDK suite (0x0000 and the S3EC/DBE ids included). */
export function suiteById(id: number): AlgorithmSuite | undefined {
  return BY_ID.get(id);
}

/**
 * The suite used when the caller gives none. For FORBID_ENCRYPT_ALLOW_DECRYPT
 * the specification's text says 0x0078 while the JS and Python SDKs use the
 * signed 0x0378; we follow the SDKs so that switching from them changes nothing.
 */
export function DEFAULT_SUITE_FOR(policy: CommitmentPolicy): AlgorithmSuite {
  return BY_ID.get(policy === 'FORBID_ENCRYPT_ALLOW_DECRYPT' ? 0x0378 : 0x0578)!;
}

/** Whether `policy` lets a message be written with `suite`. */
export function policyAllowsEncrypt(policy: CommitmentPolicy, suite: AlgorithmSuite): boolean {
  return policy === 'FORBID_ENCRYPT_ALLOW_DECRYPT' ? !suite.committing : suite.committing;
}

/** Whether `policy` lets a message written with `suite` be read. */
export function policyAllowsDecrypt(policy: CommitmentPolicy, suite: AlgorithmSuite): boolean {
  return policy === 'REQUIRE_ENCRYPT_REQUIRE_DECRYPT' ? suite.committing : true;
}

export const COMMITMENT_POLICIES: readonly CommitmentPolicy[] = Object.freeze(['FORBID_ENCRYPT_ALLOW_DECRYPT', 'REQUIRE_ENCRYPT_ALLOW_DECRYPT', 'REQUIRE_ENCRYPT_REQUIRE_DECRYPT']);
export const DEFAULT_COMMITMENT_POLICY: CommitmentPolicy = 'REQUIRE_ENCRYPT_REQUIRE_DECRYPT';
