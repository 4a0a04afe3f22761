/** KMS Decrypt: the blob names its key and material version; KeyId, when given, must name the same key (and is required for RSA ciphertext). */
import type { DecryptRequest, DecryptResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { constraintError, dryRunSucceeded, unsupportedOperation } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { rsaDecryptUnder } from '../crypto/rsa-encryption.ts';
import { rsaKeyNamed } from '../model/asymmetric-usage.ts';
import { assertUsableForEncryption, decryptOpened, keyForBlob, keyForEncryption } from '../model/key-usage.ts';
import { scopeOf } from '../views.ts';

export function decrypt(kms: KmsModel): OperationHandler<DecryptRequest, DecryptResponse> {
  return async (ctx, input) => {
    if (input.Recipient !== undefined) throw unsupportedOperation('Recipient (Nitro Enclaves attestation) is not supported by Strongroom.');
    const scope = scopeOf(ctx);
    const options = { operation: 'Decrypt', algorithm: input.EncryptionAlgorithm };
    if (input.DryRun && input.DryRunModifiers?.includes('IGNORE_CIPHERTEXT') && input.KeyId !== undefined) {
      await keyForEncryption(kms, scope, input.KeyId, options);
      throw dryRunSucceeded();
    }
    if (input.CiphertextBlob === undefined) throw constraintError('ciphertextBlob', null, 'Member must not be null');
    const rsaKey = await rsaKeyNamed(kms, scope, input.KeyId);
    if (rsaKey) {
      assertUsableForEncryption(rsaKey, options);
      if (input.DryRun) throw dryRunSucceeded();
      const algorithm = input.EncryptionAlgorithm!;
      return { KeyId: rsaKey.record.arn, Plaintext: rsaDecryptUnder(rsaKey, algorithm, input.CiphertextBlob), EncryptionAlgorithm: algorithm };
    }
    const opened = await keyForBlob(kms, scope, input.CiphertextBlob, input.KeyId, options);
    if (input.DryRun) throw dryRunSucceeded();
    const plaintext = decryptOpened(opened, input.EncryptionContext);
    return { KeyId: opened.key.record.arn, Plaintext: plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT', KeyMaterialId: opened.material.materialId };
  };
}
