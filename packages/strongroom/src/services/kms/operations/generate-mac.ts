/** KMS GenerateMac: the HMAC of a message (1–4096 bytes, bounded by the model) under an HMAC key. */
import type { GenerateMacRequest, GenerateMacResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { computeMac } from '../crypto/mac.ts';
import { dryRunSucceeded } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { keyForMac } from '../model/mac-keys.ts';
import { currentMaterial } from '../model/types.ts';
import { scopeOf } from '../views.ts';

export function generateMac(kms: KmsModel): OperationHandler<GenerateMacRequest, GenerateMacResponse> {
  return async (ctx, input) => {
    const key = await keyForMac(kms, scopeOf(ctx), input.KeyId, 'GenerateMac', input.MacAlgorithm);
    if (input.DryRun) throw dryRunSucceeded();
    const mac = computeMac(currentMaterial(key).key, input.MacAlgorithm, input.Message);
    return { Mac: mac, MacAlgorithm: input.MacAlgorithm, KeyId: key.record.arn };
  };
}
