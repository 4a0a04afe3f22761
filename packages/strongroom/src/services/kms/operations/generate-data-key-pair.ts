/** KMS GenerateDataKeyPair: a fresh key pair; the private key in plaintext and encrypted under a symmetric KMS key. */
import type { GenerateDataKeyPairRequest, GenerateDataKeyPairResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { dataKeyPairSpec, generateDataKeyPair as newKeyPair } from '../crypto/data-key-pairs.ts';
import { dryRunSucceeded, unsupportedOperation } from '../errors.ts';
import { keyForDataKeyPair } from '../model/data-key-pair-usage.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { encryptUnder } from '../model/key-usage.ts';
import { scopeOf } from '../views.ts';

export function generateDataKeyPair(kms: KmsModel): OperationHandler<GenerateDataKeyPairRequest, GenerateDataKeyPairResponse> {
  return async (ctx, input) => {
    if (input.Recipient !== undefined) throw unsupportedOperation('Recipient (Nitro Enclaves attestation) is not supported by Strongroom.');
    const spec = dataKeyPairSpec(input.KeyPairSpec);
    const key = await keyForDataKeyPair(kms, scopeOf(ctx), input.KeyId, 'GenerateDataKeyPair');
    if (input.DryRun) throw dryRunSucceeded();
    const pair = await newKeyPair(spec);
    const { blob, material } = encryptUnder(key, pair.privateKey, input.EncryptionContext);
    return {
      PrivateKeyCiphertextBlob: blob,
      PrivateKeyPlaintext: pair.privateKey,
      PublicKey: pair.publicKey,
      KeyId: key.record.arn,
      KeyPairSpec: input.KeyPairSpec,
      KeyMaterialId: material.materialId,
    };
  };
}
