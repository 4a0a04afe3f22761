/** KMS Sign: a signature of a message (RAW, hashed here) or of a digest (DIGEST) with an asymmetric SIGN_VERIFY key. */
import type { SignRequest, SignResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { isDigestMessage, signWith } from '../crypto/signing.ts';
import { dryRunSucceeded } from '../errors.ts';
import { keyForSigning } from '../model/asymmetric-usage.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function sign(kms: KmsModel): OperationHandler<SignRequest, SignResponse> {
  return async (ctx, input) => {
    const { key, material } = await keyForSigning(kms, scopeOf(ctx), input.KeyId, 'Sign', input.SigningAlgorithm, input.MessageType);
    const isDigest = isDigestMessage(input.SigningAlgorithm, input.MessageType, input.Message);
    if (input.DryRun) throw dryRunSucceeded();
    return { KeyId: key.record.arn, Signature: await signWith(material, input.SigningAlgorithm, input.Message, isDigest), SigningAlgorithm: input.SigningAlgorithm };
  };
}
