/** KMS ReEncrypt: decrypt under the source key and context, encrypt under the destination key and context, without exposing the plaintext. */
import type { ReEncryptRequest, ReEncryptResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { isRsaEncryptionKey, rsaDecryptUnder, rsaEncryptUnder } from '../crypto/rsa-encryption.ts';
import { constraintError, dryRunSucceeded } from '../errors.ts';
import { rsaKeyNamed } from '../model/asymmetric-usage.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { assertUsableForEncryption, decryptOpened, encryptUnder, keyForBlob, keyForEncryption, type OpenedBlob } from '../model/key-usage.ts';
import type { LoadedKey } from '../model/types.ts';
import { scopeOf } from '../views.ts';

export function reEncrypt(kms: KmsModel): OperationHandler<ReEncryptRequest, ReEncryptResponse> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    if (input.CiphertextBlob === undefined) throw constraintError('ciphertextBlob', null, 'Member must not be null');
    const ciphertext = input.CiphertextBlob;
    const sourceOptions = { operation: 'ReEncrypt', algorithm: input.SourceEncryptionAlgorithm };
    // RSA ciphertext is bare RSA output: its key is the one SourceKeyId names.
    const rsaSource = await rsaKeyNamed(kms, scope, input.SourceKeyId);
    let source: { key: LoadedKey; opened?: OpenedBlob };
    if (rsaSource) {
      assertUsableForEncryption(rsaSource, sourceOptions);
      source = { key: rsaSource };
    } else {
      const opened = await keyForBlob(kms, scope, ciphertext, input.SourceKeyId, sourceOptions);
      source = { key: opened.key, opened };
    }
    const destination = await keyForEncryption(kms, scope, input.DestinationKeyId, { operation: 'ReEncrypt', algorithm: input.DestinationEncryptionAlgorithm });
    if (input.DryRun) throw dryRunSucceeded();
    const plaintext = source.opened
      ? decryptOpened(source.opened, input.SourceEncryptionContext)
      : rsaDecryptUnder(source.key, input.SourceEncryptionAlgorithm!, ciphertext);
    try {
      let blob: Buffer;
      let destinationMaterialId: string | undefined;
      if (isRsaEncryptionKey(destination)) {
        blob = rsaEncryptUnder(destination, input.DestinationEncryptionAlgorithm!, plaintext);
      } else {
        const sealed = encryptUnder(destination, plaintext, input.DestinationEncryptionContext);
        blob = sealed.blob;
        destinationMaterialId = sealed.material.materialId;
      }
      const output: ReEncryptResponse = {
        CiphertextBlob: blob,
        SourceKeyId: source.key.record.arn,
        KeyId: destination.record.arn,
        SourceEncryptionAlgorithm: input.SourceEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT',
        DestinationEncryptionAlgorithm: input.DestinationEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT',
      };
      // Key material ids belong to symmetric keys only.
      if (source.opened) output.SourceKeyMaterialId = source.opened.material.materialId;
      if (destinationMaterialId !== undefined) output.DestinationKeyMaterialId = destinationMaterialId;
      return output;
    } finally {
      plaintext.fill(0);
    }
  };
}
