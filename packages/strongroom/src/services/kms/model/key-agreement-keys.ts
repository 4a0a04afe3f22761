/** The key a DeriveSharedSecret names: enabled, KEY_AGREEMENT, and the key agreement algorithm its spec allows. */
import type { KeyAgreementAlgorithmSpec } from '../../../protocol/spec/generated/kms.types.ts';
import { incompatibleAlgorithm, invalidKeyUsage } from '../errors.ts';
import { keySpecProfile } from './key-specs.ts';
import { assertKeyState } from './key-states.ts';
import type { KmsModel } from './kms-model.ts';
import type { KeyScope, LoadedKey } from './types.ts';

export async function keyForKeyAgreement(model: KmsModel, scope: KeyScope, keyIdParam: string, algorithm: KeyAgreementAlgorithmSpec): Promise<LoadedKey> {
  const key = await model.findKey(scope, keyIdParam, { aliases: true });
  const { record } = key;
  assertKeyState(record, 'use');
  if (record.keyUsage !== 'KEY_AGREEMENT') throw invalidKeyUsage(record.arn, record.keyUsage, 'DeriveSharedSecret');
  const allowed = keySpecProfile(record.keySpec, record.keyUsage).keyAgreementAlgorithms ?? [];
  if (!allowed.includes(algorithm)) throw incompatibleAlgorithm(algorithm, record.keySpec);
  return key;
}
