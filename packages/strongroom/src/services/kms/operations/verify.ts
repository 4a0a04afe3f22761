/** KMS Verify: SignatureValid true, or KMSInvalidSignatureException for a signature that does not verify. */
import { KMSInvalidSignatureException } from '../../../protocol/spec/generated/kms.errors.ts';
import type { VerifyRequest, VerifyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { isDigestMessage, verifyWith } from '../crypto/signing.ts';
import { dryRunSucceeded } from '../errors.ts';
import { keyForSigning } from '../model/asymmetric-usage.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function verify(kms: KmsModel): OperationHandler<VerifyRequest, VerifyResponse> {
  return async (ctx, input) => {
    const { key, material } = await keyForSigning(kms, scopeOf(ctx), input.KeyId, 'Verify', input.SigningAlgorithm, input.MessageType);
    const isDigest = isDigestMessage(input.SigningAlgorithm, input.MessageType, input.Message);
    if (input.DryRun) throw dryRunSucceeded();
    if (!(await verifyWith(material, input.SigningAlgorithm, input.Message, isDigest, input.Signature))) throw new KMSInvalidSignatureException('');
    return { KeyId: key.record.arn, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
  };
}
