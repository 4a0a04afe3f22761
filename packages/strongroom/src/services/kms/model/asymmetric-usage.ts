/**
 * Finding a key for an asymmetric operation (Sign, Verify, GetPublicKey,
 * RSA decryption) and checking it as AWS does: key state first, then key
 * usage, then the algorithm against the key spec.
 */
import type { MessageType, SigningAlgorithmSpec } from '../../../protocol/spec/generated/kms.types.ts';
import { isRsaEncryptionKey } from '../crypto/rsa-encryption.ts';
import { incompatibleAlgorithm, invalidKeyUsage, unsupportedOperation, validationError } from '../errors.ts';
import { keySpecProfile } from './key-specs.ts';
import { assertKeyState } from './key-states.ts';
import type { KmsModel } from './kms-model.ts';
import { currentMaterial, type KeyMaterial, type KeyScope, type LoadedKey } from './types.ts';

export interface UsableKey {
  key: LoadedKey;
  material: KeyMaterial;
}

/** A SIGN_VERIFY key that supports `algorithm`, Enabled. */
export async function keyForSigning(
  model: KmsModel,
  scope: KeyScope,
  keyIdParam: string,
  operation: 'Sign' | 'Verify',
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType | undefined,
): Promise<UsableKey> {
  const key = await model.findKey(scope, keyIdParam, { aliases: true });
  const { record } = key;
  assertKeyState(record, 'use');
  if (record.keyUsage !== 'SIGN_VERIFY') throw invalidKeyUsage(record.arn, record.keyUsage, operation);
  if (!keySpecProfile(record.keySpec, record.keyUsage).signingAlgorithms?.includes(algorithm)) throw incompatibleAlgorithm(algorithm, record.keySpec);
  if (messageType === 'EXTERNAL_MU') throw validationError(`Message type EXTERNAL_MU is incompatible with key spec ${record.keySpec}.`);
  return { key, material: currentMaterial(key) };
}

/** An asymmetric key (any usage but symmetric encryption and HMAC), Enabled. */
export async function keyForPublicKey(model: KmsModel, scope: KeyScope, keyIdParam: string): Promise<UsableKey> {
  const key = await model.findKey(scope, keyIdParam, { aliases: true });
  const { record } = key;
  assertKeyState(record, 'use');
  const kind = keySpecProfile(record.keySpec, record.keyUsage).material.kind;
  if (kind !== 'rsa' && kind !== 'ec') throw unsupportedOperation(`${record.arn} key spec is ${record.keySpec} which is not valid for GetPublicKey.`);
  return { key, material: currentMaterial(key) };
}

/**
 * The key a Decrypt/ReEncrypt KeyId names when it is an RSA encryption key
 * (its ciphertext is bare RSA output, so the key must be named), else
 * undefined: the ciphertext blob then names the symmetric key.
 */
export async function rsaKeyNamed(model: KmsModel, scope: KeyScope, keyIdParam: string | undefined): Promise<LoadedKey | undefined> {
  if (keyIdParam === undefined) return undefined;
  const key = await model.findKey(scope, keyIdParam, { aliases: true });
  return isRsaEncryptionKey(key) ? key : undefined;
}
