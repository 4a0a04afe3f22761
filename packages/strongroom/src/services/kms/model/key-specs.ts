/**
 * Key specs: which usages AWS allows for each, and the ones Strongroom
 * implements with the algorithms DescribeKey reports. Asymmetric and HMAC
 * specs (a later issue) are added by giving them a profile here.
 */
import type {
  CustomerMasterKeySpec,
  EncryptionAlgorithmSpec,
  KeySpec,
  KeyUsageType,
} from '../../../protocol/spec/generated/kms.types.ts';
import { unsupportedOperation, validationError } from '../errors.ts';

export interface KeySpecProfile {
  keySpec: KeySpec;
  keyUsage: KeyUsageType;
  encryptionAlgorithms?: EncryptionAlgorithmSpec[];
  /** Automatic and on-demand rotation apply (symmetric encryption keys only). */
  rotatable: boolean;
  /** Bytes of key material per version. */
  materialBytes: number;
}

/** The usages AWS accepts for each key spec. */
const AWS_USAGES: Record<KeySpec, readonly KeyUsageType[]> = {
  SYMMETRIC_DEFAULT: ['ENCRYPT_DECRYPT'],
  RSA_2048: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_3072: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_4096: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  ECC_NIST_P256: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P384: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P521: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_SECG_P256K1: ['SIGN_VERIFY'],
  ECC_NIST_EDWARDS25519: ['SIGN_VERIFY'],
  HMAC_224: ['GENERATE_VERIFY_MAC'],
  HMAC_256: ['GENERATE_VERIFY_MAC'],
  HMAC_384: ['GENERATE_VERIFY_MAC'],
  HMAC_512: ['GENERATE_VERIFY_MAC'],
  SM2: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
  ML_DSA_44: ['SIGN_VERIFY'],
  ML_DSA_65: ['SIGN_VERIFY'],
  ML_DSA_87: ['SIGN_VERIFY'],
};

/** Implemented (spec, usage) pairs, keyed "SPEC/USAGE". */
const PROFILES = new Map<string, KeySpecProfile>([
  [
    'SYMMETRIC_DEFAULT/ENCRYPT_DECRYPT',
    { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', encryptionAlgorithms: ['SYMMETRIC_DEFAULT'], rotatable: true, materialBytes: 32 },
  ],
]);

export interface KeySpecRequest {
  keySpec?: KeySpec;
  customerMasterKeySpec?: CustomerMasterKeySpec;
  keyUsage?: KeyUsageType;
}

/** The profile CreateKey uses, or AWS's error for the combination. */
export function resolveKeySpec(request: KeySpecRequest): KeySpecProfile {
  if (request.keySpec !== undefined && request.customerMasterKeySpec !== undefined && request.keySpec !== request.customerMasterKeySpec) {
    throw validationError('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec parameter is deprecated. Use KeySpec.');
  }
  const keySpec: KeySpec = request.keySpec ?? request.customerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (request.keyUsage === undefined && keySpec !== 'SYMMETRIC_DEFAULT') {
    throw validationError('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  const keyUsage: KeyUsageType = request.keyUsage ?? 'ENCRYPT_DECRYPT';
  if (!AWS_USAGES[keySpec].includes(keyUsage)) {
    throw validationError(`KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`);
  }
  const profile = PROFILES.get(`${keySpec}/${keyUsage}`);
  if (!profile) throw unsupportedOperation(`KeySpec ${keySpec} with KeyUsage ${keyUsage} is not supported by Strongroom yet.`);
  return profile;
}

/** The profile of an existing key. */
export function keySpecProfile(keySpec: KeySpec, keyUsage: KeyUsageType): KeySpecProfile {
  const profile = PROFILES.get(`${keySpec}/${keyUsage}`);
  if (!profile) throw new Error(`no key spec profile for ${keySpec}/${keyUsage}`);
  return profile;
}
