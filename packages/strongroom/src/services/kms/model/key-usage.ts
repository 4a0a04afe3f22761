/**
 * The cryptographic operations' shared steps: find a usable key (state,
 * usage, algorithm), encrypt under its current material, and open a
 * ciphertext blob with the material version it names. This is the hot path:
 * keys come from the cache, so nothing here touches the database unless a
 * key changed.
 */
import type { EncryptionAlgorithmSpec } from '../../../protocol/spec/generated/kms.types.ts';
import { parseBlob, type ParsedBlob } from '../crypto/ciphertext-blob.ts';
import { EncryptionContextError, type EncryptionContext } from '../crypto/encryption-context.ts';
import { decryptSymmetric, encryptSymmetric } from '../crypto/symmetric.ts';
import { asymmetricDataKey, incompatibleAlgorithm, incorrectKey, invalidCiphertext, invalidKeyUsage, validationError } from '../errors.ts';
import { keySpecProfile } from './key-specs.ts';
import { assertKeyState } from './key-states.ts';
import type { KmsModel } from './kms-model.ts';
import { currentMaterial, type KeyMaterial, type KeyScope, type LoadedKey } from './types.ts';

export interface UseOptions {
  /** The operation's name, for AWS's InvalidKeyUsageException message. */
  operation: string;
  algorithm?: EncryptionAlgorithmSpec;
}

const DATA_KEY_OPERATIONS = new Set(['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext']);

/** Checks that `key` can encrypt and decrypt now, with `algorithm`. */
export function assertUsableForEncryption(key: LoadedKey, options: UseOptions): void {
  const { record } = key;
  assertKeyState(record, 'use');
  if (record.keyUsage !== 'ENCRYPT_DECRYPT') throw invalidKeyUsage(record.arn, record.keyUsage, options.operation);
  if (DATA_KEY_OPERATIONS.has(options.operation) && record.keySpec !== 'SYMMETRIC_DEFAULT') throw asymmetricDataKey();
  // No algorithm means SYMMETRIC_DEFAULT, which asymmetric keys refuse.
  const algorithm = options.algorithm ?? 'SYMMETRIC_DEFAULT';
  const algorithms = keySpecProfile(record.keySpec, record.keyUsage).encryptionAlgorithms ?? [];
  if (!algorithms.includes(algorithm)) throw incompatibleAlgorithm(algorithm, record.keySpec);
}

/** The key a KeyId parameter names (aliases allowed), ready to encrypt. */
export async function keyForEncryption(model: KmsModel, scope: KeyScope, keyIdParam: string, options: UseOptions): Promise<LoadedKey> {
  const key = await model.findKey(scope, keyIdParam, { aliases: true });
  assertUsableForEncryption(key, options);
  return key;
}

/** A blob under the key's current material. */
export function encryptUnder(key: LoadedKey, plaintext: Uint8Array, context: EncryptionContext | undefined): { blob: Buffer; material: KeyMaterial } {
  const material = currentMaterial(key);
  const blob = withContext(() => encryptSymmetric({ keyId: key.record.keyId, materialVersion: material.version, material: material.key }, plaintext, context));
  return { blob, material };
}

export interface OpenedBlob {
  key: LoadedKey;
  material: KeyMaterial;
  blob: ParsedBlob;
}

/**
 * The key and material a blob names, checked for use. With a KeyId
 * parameter, the blob must name that key (IncorrectKeyException). A blob
 * that is malformed or names no key of this account and region is an
 * InvalidCiphertextException.
 */
export async function keyForBlob(model: KmsModel, scope: KeyScope, bytes: Uint8Array, keyIdParam: string | undefined, options: UseOptions): Promise<OpenedBlob> {
  const blob = parseBlob(bytes);
  if (!blob) throw invalidCiphertext();
  let key: LoadedKey | undefined;
  if (keyIdParam !== undefined) {
    key = await model.findKey(scope, keyIdParam, { aliases: true });
    if (key.record.keyId !== blob.keyId) throw incorrectKey();
  } else {
    key = await model.findKeyById(scope, blob.keyId);
    if (!key) throw invalidCiphertext();
  }
  assertUsableForEncryption(key, options);
  let material = key.materials.get(blob.materialVersion);
  if (!material && blob.materialVersion > key.record.currentMaterialVersion) {
    // Another process may have rotated the key since it was cached.
    model.cache.forget(scope, key.record.keyId);
    const fresh = await model.findKeyById(scope, key.record.keyId);
    if (fresh) {
      key = fresh;
      material = fresh.materials.get(blob.materialVersion);
    }
  }
  if (!material) throw invalidCiphertext();
  return { key, material, blob };
}

/** The plaintext of an opened blob; InvalidCiphertextException when authentication fails. */
export function decryptOpened(opened: OpenedBlob, context: EncryptionContext | undefined): Buffer {
  const plaintext = withContext(() => decryptSymmetric(opened.material.key, opened.blob, context));
  if (!plaintext) throw invalidCiphertext();
  return plaintext;
}

function withContext<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EncryptionContextError) throw validationError(error.message);
    throw error;
  }
}
