/** The HMAC key a GenerateMac/VerifyMac names: enabled, GENERATE_VERIFY_MAC, and the MAC algorithm its spec allows. */
import type { MacAlgorithmSpec } from '../../../protocol/spec/generated/kms.types.ts';
import { incompatibleAlgorithm, invalidKeyUsage } from '../errors.ts';
import { keySpecProfile } from './key-specs.ts';
import { assertKeyState } from './key-states.ts';
import type { KmsModel } from './kms-model.ts';
import type { KeyScope, LoadedKey } from './types.ts';

export async function keyForMac(model: KmsModel, scope: KeyScope, keyIdParam: string, operation: 'GenerateMac' | 'VerifyMac', algorithm: MacAlgorithmSpec): Promise<LoadedKey> {
  const key = await model.findKey(scope, keyIdParam, { aliases: true });
  const { record } = key;
  assertKeyState(record, 'use');
  if (record.keyUsage !== 'GENERATE_VERIFY_MAC') throw invalidKeyUsage(record.arn, record.keyUsage, operation);
  const allowed = keySpecProfile(record.keySpec, record.keyUsage).macAlgorithms ?? [];
  if (!allowed.includes(algorithm)) throw incompatibleAlgorithm(algorithm, record.keySpec);
  return key;
}
