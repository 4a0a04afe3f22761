/**
 * Key specs: which usages AWS allows for each, and the ones Strongroom
 * implements with the algorithms DescribeKey reports (the lists and their
 * order are AWS's) and the kind of key material each needs.
 */
import type { KeyPairSpec } from '../../../crypto/asymmetric.ts';
import type {
  CustomerMasterKeySpec,
  EncryptionAlgorithmSpec,
  KeyAgreementAlgorithmSpec,
  KeySpec,
  KeyUsageType,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '../../../protocol/spec/generated/kms.types.ts';
import { unsupportedOperation, validationError } from '../errors.ts';

/**
 * What a key's material is: random bytes (an AES-256 key or an HMAC key of
 * the spec's length) or a private key, stored as PKCS#8 DER.
 */
export type MaterialSpec = { kind: 'symmetric'; bytes: number } | { kind: 'hmac'; bytes: number } | KeyPairSpec;

export interface KeySpecProfile {
  keySpec: KeySpec;
  keyUsage: KeyUsageType;
  encryptionAlgorithms?: EncryptionAlgorithmSpec[];
  signingAlgorithms?: SigningAlgorithmSpec[];
  macAlgorithms?: MacAlgorithmSpec[];
  keyAgreementAlgorithms?: KeyAgreementAlgorithmSpec[];
  /** Automatic and on-demand rotation apply (symmetric encryption keys only). */
  rotatable: boolean;
  material: MaterialSpec;
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

const RSA_ENCRYPTION: EncryptionAlgorithmSpec[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const RSA_SIGNING: SigningAlgorithmSpec[] = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
];

function profiles(): KeySpecProfile[] {
  const list: KeySpecProfile[] = [
    { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', encryptionAlgorithms: ['SYMMETRIC_DEFAULT'], rotatable: true, material: { kind: 'symmetric', bytes: 32 } },
  ];
  for (const bits of [2048, 3072, 4096] as const) {
    const keySpec = `RSA_${bits}` as const;
    const material: MaterialSpec = { kind: 'rsa', modulusBits: bits };
    list.push({ keySpec, keyUsage: 'ENCRYPT_DECRYPT', encryptionAlgorithms: RSA_ENCRYPTION, rotatable: false, material });
    list.push({ keySpec, keyUsage: 'SIGN_VERIFY', signingAlgorithms: RSA_SIGNING, rotatable: false, material });
  }
  const curves = [
    { keySpec: 'ECC_NIST_P256', curve: 'prime256v1', signing: 'ECDSA_SHA_256', agreement: true },
    { keySpec: 'ECC_NIST_P384', curve: 'secp384r1', signing: 'ECDSA_SHA_384', agreement: true },
    { keySpec: 'ECC_NIST_P521', curve: 'secp521r1', signing: 'ECDSA_SHA_512', agreement: true },
    { keySpec: 'ECC_SECG_P256K1', curve: 'secp256k1', signing: 'ECDSA_SHA_256', agreement: false },
  ] as const;
  for (const { keySpec, curve, signing, agreement } of curves) {
    const material: MaterialSpec = { kind: 'ec', curve };
    list.push({ keySpec, keyUsage: 'SIGN_VERIFY', signingAlgorithms: [signing], rotatable: false, material });
    if (agreement) list.push({ keySpec, keyUsage: 'KEY_AGREEMENT', keyAgreementAlgorithms: ['ECDH'], rotatable: false, material });
  }
  for (const bits of [224, 256, 384, 512] as const) {
    list.push({
      keySpec: `HMAC_${bits}`,
      keyUsage: 'GENERATE_VERIFY_MAC',
      macAlgorithms: [`HMAC_SHA_${bits}`],
      rotatable: false,
      material: { kind: 'hmac', bytes: bits / 8 },
    });
  }
  return list;
}

/** Implemented (spec, usage) pairs, keyed "SPEC/USAGE". */
const PROFILES = new Map<string, KeySpecProfile>(profiles().map((p) => [`${p.keySpec}/${p.keyUsage}`, p]));

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
