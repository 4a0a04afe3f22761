/** KMS GenerateDataKey: a fresh data key, returned in plaintext and encrypted under the KMS key. */
import type { GenerateDataKeyRequest, GenerateDataKeyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { dataKeyLength, generateDataKey as newDataKey } from '../crypto/data-keys.ts';
import { dryRunSucceeded, unsupportedOperation } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { encryptUnder, keyForEncryption } from '../model/key-usage.ts';
import { scopeOf } from '../views.ts';

export function generateDataKey(kms: KmsModel): OperationHandler<GenerateDataKeyRequest, GenerateDataKeyResponse> {
  return async (ctx, input) => {
    if (input.Recipient !== undefined) throw unsupportedOperation('Recipient (Nitro Enclaves attestation) is not supported by Strongroom.');
    const length = dataKeyLength(input.KeySpec, input.NumberOfBytes);
    const key = await keyForEncryption(kms, scopeOf(ctx), input.KeyId, { operation: 'GenerateDataKey' });
    if (input.DryRun) throw dryRunSucceeded();
    const plaintext = newDataKey(length);
    const { blob, material } = encryptUnder(key, plaintext, input.EncryptionContext);
    return { CiphertextBlob: blob, Plaintext: plaintext, KeyId: key.record.arn, KeyMaterialId: material.materialId };
  };
}
