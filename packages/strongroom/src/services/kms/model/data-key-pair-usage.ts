/**
 * The KMS key that encrypts a data key pair's private key: an enabled
 * symmetric encryption key. Asymmetric keys are refused even with
 * ENCRYPT_DECRYPT usage, with the error AWS gives GenerateDataKey for them.
 */
import { asymmetricDataKey, invalidKeyUsage } from '../errors.ts';
import { assertKeyState } from './key-states.ts';
import type { KmsModel } from './kms-model.ts';
import type { KeyScope, LoadedKey } from './types.ts';

export async function keyForDataKeyPair(model: KmsModel, scope: KeyScope, keyIdParam: string, operation: string): Promise<LoadedKey> {
  const key = await model.findKey(scope, keyIdParam, { aliases: true });
  const { record } = key;
  assertKeyState(record, 'use');
  if (record.keyUsage !== 'ENCRYPT_DECRYPT') throw invalidKeyUsage(record.arn, record.keyUsage, operation);
  if (record.keySpec !== 'SYMMETRIC_DEFAULT') throw asymmetricDataKey();
  return key;
}
