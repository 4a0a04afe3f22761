/** KMS GenerateDataKeyWithoutPlaintext: a fresh data key, returned only encrypted under the KMS key. */
import type { GenerateDataKeyWithoutPlaintextRequest, GenerateDataKeyWithoutPlaintextResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { dataKeyLength, generateDataKey } from '../crypto/data-keys.ts';
import { dryRunSucceeded } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { encryptUnder, keyForEncryption } from '../model/key-usage.ts';
import { scopeOf } from '../views.ts';

export function generateDataKeyWithoutPlaintext(kms: KmsModel): OperationHandler<GenerateDataKeyWithoutPlaintextRequest, GenerateDataKeyWithoutPlaintextResponse> {
  return async (ctx, input) => {
    const length = dataKeyLength(input.KeySpec, input.NumberOfBytes);
    const key = await keyForEncryption(kms, scopeOf(ctx), input.KeyId, { operation: 'GenerateDataKeyWithoutPlaintext' });
    if (input.DryRun) throw dryRunSucceeded();
    const plaintext = generateDataKey(length);
    try {
      const { blob, material } = encryptUnder(key, plaintext, input.EncryptionContext);
      return { CiphertextBlob: blob, KeyId: key.record.arn, KeyMaterialId: material.materialId };
    } finally {
      plaintext.fill(0);
    }
  };
}
