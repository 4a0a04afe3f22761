/** KMS DeriveSharedSecret: ECDH between a KEY_AGREEMENT key's private key and the peer's public key. */
import type { DeriveSharedSecretRequest, DeriveSharedSecretResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { deriveSharedSecret as derive, parsePeerPublicKey } from '../crypto/key-agreement.ts';
import { privateKeyOf } from '../crypto/key-objects.ts';
import { dryRunSucceeded, unsupportedOperation } from '../errors.ts';
import { keyForKeyAgreement } from '../model/key-agreement-keys.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { currentMaterial } from '../model/types.ts';
import { scopeOf } from '../views.ts';

export function deriveSharedSecret(kms: KmsModel): OperationHandler<DeriveSharedSecretRequest, DeriveSharedSecretResponse> {
  return async (ctx, input) => {
    if (input.Recipient !== undefined) throw unsupportedOperation('Recipient (Nitro Enclaves attestation) is not supported by Strongroom.');
    const key = await keyForKeyAgreement(kms, scopeOf(ctx), input.KeyId, input.KeyAgreementAlgorithm);
    const privateKey = privateKeyOf(currentMaterial(key));
    if (input.DryRun) {
      parsePeerPublicKey(input.PublicKey, privateKey);
      throw dryRunSucceeded();
    }
    return {
      KeyId: key.record.arn,
      SharedSecret: derive(privateKey, input.PublicKey),
      KeyAgreementAlgorithm: input.KeyAgreementAlgorithm,
      KeyOrigin: key.record.origin,
    };
  };
}
