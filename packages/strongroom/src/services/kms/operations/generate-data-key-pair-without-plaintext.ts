/** KMS GenerateDataKeyPairWithoutPlaintext: a fresh key pair; the private key only encrypted under a symmetric KMS key. */
import type {
  GenerateDataKeyPairWithoutPlaintextRequest,
  GenerateDataKeyPairWithoutPlaintextResponse,
} from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { dataKeyPairSpec, generateDataKeyPair } from '../crypto/data-key-pairs.ts';
import { dryRunSucceeded } from '../errors.ts';
import { keyForDataKeyPair } from '../model/data-key-pair-usage.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { encryptUnder } from '../model/key-usage.ts';
import { scopeOf } from '../views.ts';

export function generateDataKeyPairWithoutPlaintext(
  kms: KmsModel,
): OperationHandler<GenerateDataKeyPairWithoutPlaintextRequest, GenerateDataKeyPairWithoutPlaintextResponse> {
  return async (ctx, input) => {
    const spec = dataKeyPairSpec(input.KeyPairSpec);
    const key = await keyForDataKeyPair(kms, scopeOf(ctx), input.KeyId, 'GenerateDataKeyPairWithoutPlaintext');
    if (input.DryRun) throw dryRunSucceeded();
    const pair = await generateDataKeyPair(spec);
    try {
      const { blob, material } = encryptUnder(key, pair.privateKey, input.EncryptionContext);
      return { PrivateKeyCiphertextBlob: blob, PublicKey: pair.publicKey, KeyId: key.record.arn, KeyPairSpec: input.KeyPairSpec, KeyMaterialId: material.materialId };
    } finally {
      pair.privateKey.fill(0);
    }
  };
}
