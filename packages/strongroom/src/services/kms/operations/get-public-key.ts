/** KMS GetPublicKey: the DER SubjectPublicKeyInfo of an asymmetric key, with what the key may be used for. */
import type { CustomerMasterKeySpec, GetPublicKeyRequest, GetPublicKeyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { publicKeyDerOf } from '../crypto/key-objects.ts';
import { keyForPublicKey } from '../model/asymmetric-usage.ts';
import { keySpecProfile } from '../model/key-specs.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function getPublicKey(kms: KmsModel): OperationHandler<GetPublicKeyRequest, GetPublicKeyResponse> {
  return async (ctx, input) => {
    const { key, material } = await keyForPublicKey(kms, scopeOf(ctx), input.KeyId);
    const { record } = key;
    const profile = keySpecProfile(record.keySpec, record.keyUsage);
    const output: GetPublicKeyResponse = {
      KeyId: record.arn,
      PublicKey: publicKeyDerOf(material),
      // The deprecated field has the same value (every spec Strongroom implements has a CustomerMasterKeySpec name).
      CustomerMasterKeySpec: record.keySpec as CustomerMasterKeySpec,
      KeySpec: record.keySpec,
      KeyUsage: record.keyUsage,
    };
    if (profile.encryptionAlgorithms) output.EncryptionAlgorithms = [...profile.encryptionAlgorithms];
    if (profile.signingAlgorithms) output.SigningAlgorithms = [...profile.signingAlgorithms];
    if (profile.keyAgreementAlgorithms) output.KeyAgreementAlgorithms = [...profile.keyAgreementAlgorithms];
    return output;
  };
}
