/** KMS ReEncrypt: decrypt under the source key and context, encrypt under the destination key and context, without exposing the plaintext. */
import type { ReEncryptRequest, ReEncryptResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { constraintError, dryRunSucceeded } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { decryptOpened, encryptUnder, keyForBlob, keyForEncryption } from '../model/key-usage.ts';
import { scopeOf } from '../views.ts';

export function reEncrypt(kms: KmsModel): OperationHandler<ReEncryptRequest, ReEncryptResponse> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    if (input.CiphertextBlob === undefined) throw constraintError('ciphertextBlob', null, 'Member must not be null');
    const source = await keyForBlob(kms, scope, input.CiphertextBlob, input.SourceKeyId, { operation: 'ReEncrypt', algorithm: input.SourceEncryptionAlgorithm });
    const destination = await keyForEncryption(kms, scope, input.DestinationKeyId, { operation: 'ReEncrypt', algorithm: input.DestinationEncryptionAlgorithm });
    if (input.DryRun) throw dryRunSucceeded();
    const plaintext = decryptOpened(source, input.SourceEncryptionContext);
    try {
      const { blob, material } = encryptUnder(destination, plaintext, input.DestinationEncryptionContext);
      return {
        CiphertextBlob: blob,
        SourceKeyId: source.key.record.arn,
        KeyId: destination.record.arn,
        SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        SourceKeyMaterialId: source.material.materialId,
        DestinationKeyMaterialId: material.materialId,
      };
    } finally {
      plaintext.fill(0);
    }
  };
}
