/** KMS VerifyMac: MacValid true, or KMSInvalidMacException (AWS sends it without a message). */
import type { VerifyMacRequest, VerifyMacResponse } from '../../../protocol/spec/generated/kms.types.ts';
import { KMSInvalidMacException } from '../../../protocol/spec/generated/kms.errors.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { macMatches } from '../crypto/mac.ts';
import { dryRunSucceeded } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { keyForMac } from '../model/mac-keys.ts';
import { currentMaterial } from '../model/types.ts';
import { scopeOf } from '../views.ts';

export function verifyMac(kms: KmsModel): OperationHandler<VerifyMacRequest, VerifyMacResponse> {
  return async (ctx, input) => {
    const key = await keyForMac(kms, scopeOf(ctx), input.KeyId, 'VerifyMac', input.MacAlgorithm);
    if (input.DryRun) throw dryRunSucceeded();
    if (!macMatches(currentMaterial(key).key, input.MacAlgorithm, input.Message, input.Mac)) throw new KMSInvalidMacException('');
    return { KeyId: key.record.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
  };
}
