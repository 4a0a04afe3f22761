/** Encrypted data keys written and read by the KMS keyrings (provider id "aws-kms"). */
import { KeyringError } from '../../errors.ts';
import type { EncryptedDataKey } from '../../materials.ts';
import { parseKmsArn, type KmsArn } from './arn.ts';

export const KMS_PROVIDER_ID = 'aws-kms';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** The EDK for a wrapped data key; provider info = the key ARN KMS answered with, UTF-8. */
export function kmsEncryptedDataKey(keyArn: string, ciphertextBlob: Uint8Array): EncryptedDataKey {
  return { providerId: KMS_PROVIDER_ID, providerInfo: encoder.encode(keyArn), ciphertext: ciphertextBlob };
}

export interface KmsEdk {
  readonly edk: EncryptedDataKey;
  /** The provider info as a string: the key ARN. */
  readonly keyArn: string;
  readonly arn: KmsArn;
}

/**
 * The EDKs a KMS keyring may consider: provider id exactly "aws-kms". Their
 * provider info must be a key ARN; the specification makes OnDecrypt fail
 * otherwise (a message claiming to be KMS-wrapped but naming no key).
 */
export function kmsEdks(encryptedDataKeys: readonly EncryptedDataKey[]): KmsEdk[] {
  const result: KmsEdk[] = [];
  for (const edk of encryptedDataKeys) {
    if (edk.providerId !== KMS_PROVIDER_ID) continue;
    let keyArn: string;
    try {
      keyArn = utf8.decode(edk.providerInfo);
    } catch {
      throw new KeyringError('An aws-kms encrypted data key has provider info that is not UTF-8');
    }
    const arn = parseKmsArn(keyArn);
    if (!arn || arn.resourceType !== 'key') throw new KeyringError(`An aws-kms encrypted data key names "${keyArn}", which is not an AWS KMS key ARN`);
    result.push({ edk, keyArn, arn });
  }
  return result;
}

/** A KMS response's KeyId that must be a key ARN (not an alias ARN). */
export function requireKeyArn(keyId: string | undefined, operation: string): string {
  const arn = keyId === undefined ? undefined : parseKmsArn(keyId);
  if (!keyId || !arn || arn.resourceType !== 'key') throw new KeyringError(`KMS ${operation} answered with KeyId "${keyId ?? ''}", which is not a key ARN`);
  return keyId;
}

/** Wraps the errors of every decrypt attempt into one. */
export function decryptAttemptsFailed(keyring: string, errors: readonly { keyId: string; error: unknown }[]): KeyringError {
  const detail = errors.map(({ keyId, error }) => `${keyId}: ${describe(error)}`).join('; ');
  return new KeyringError(`${keyring} could not decrypt any matching encrypted data key (${detail})`, {
    cause: new AggregateError(errors.map((e) => e.error), 'KMS decrypt attempts'),
  });
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

/** Runs a KMS call on encrypt; its failure fails the keyring, with the KMS error as cause. */
export async function kmsCall<T>(operation: string, keyId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof KeyringError) throw error;
    throw new KeyringError(`KMS ${operation} with ${keyId} failed: ${describe(error)}`, { cause: error });
  }
}
