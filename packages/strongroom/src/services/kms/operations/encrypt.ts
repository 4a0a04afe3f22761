/** KMS Encrypt: up to 4096 bytes under the key's current material, bound to the encryption context; RSA keys encrypt with RSAES-OAEP. */
import type { EncryptRequest, EncryptResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { isRsaEncryptionKey, rsaEncryptUnder } from '../crypto/rsa-encryption.ts';
import { dryRunSucceeded } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { encryptUnder, keyForEncryption } from '../model/key-usage.ts';
import { scopeOf } from '../views.ts';

export function encrypt(kms: KmsModel): OperationHandler<EncryptRequest, EncryptResponse> {
  return async (ctx, input) => {
    const key = await keyForEncryption(kms, scopeOf(ctx), input.KeyId, { operation: 'Encrypt', algorithm: input.EncryptionAlgorithm });
    if (input.DryRun) throw dryRunSucceeded();
    if (isRsaEncryptionKey(key)) {
      // keyForEncryption refused a missing algorithm (SYMMETRIC_DEFAULT) for RSA keys.
      const algorithm = input.EncryptionAlgorithm!;
      return { CiphertextBlob: rsaEncryptUnder(key, algorithm, input.Plaintext), KeyId: key.record.arn, EncryptionAlgorithm: algorithm };
    }
    const { blob } = encryptUnder(key, input.Plaintext, input.EncryptionContext);
    return { CiphertextBlob: blob, KeyId: key.record.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  };
}
