/** KMS CreateKey: a new symmetric encryption key (other key specs come later), Enabled, with AWS's default policy unless one is given. */
import { CustomKeyStoreNotFoundException } from '../../../protocol/spec/generated/kms.errors.ts';
import type { CreateKeyRequest, CreateKeyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { unsupportedOperation } from '../errors.ts';
import { createKey as createKeyRecord } from '../model/key-lifecycle.ts';
import { resolveKeySpec } from '../model/key-specs.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf, toKeyMetadata } from '../views.ts';
import { assertImportableOrigin } from '../imports/origins.ts';

export function createKey(kms: KmsModel): OperationHandler<CreateKeyRequest, CreateKeyResponse> {
  return async (ctx, input) => {
    const profile = resolveKeySpec({ keySpec: input.KeySpec, customerMasterKeySpec: input.CustomerMasterKeySpec, keyUsage: input.KeyUsage });
    if (input.CustomKeyStoreId !== undefined) throw new CustomKeyStoreNotFoundException('');
    if (input.Origin !== undefined && input.Origin !== 'AWS_KMS') assertImportableOrigin(input.Origin, profile);
    if (input.MultiRegion && input.Origin === 'EXTERNAL') throw unsupportedOperation('Multi-Region keys with imported key material are not supported by Strongroom yet.');
    const key = await createKeyRecord(kms, scopeOf(ctx), {
      profile,
      description: input.Description,
      policy: input.Policy,
      tags: input.Tags?.map((t) => ({ key: t.TagKey, value: t.TagValue })),
      multiRegion: input.MultiRegion === true,
      origin: input.Origin,
    });
    return { KeyMetadata: toKeyMetadata(key) };
  };
}
