/** KMS DescribeKey: a key's metadata, by key id, key ARN, alias name or alias ARN, in any key state. */
import type { DescribeKeyRequest, DescribeKeyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf, toKeyMetadata } from '../views.ts';

export function describeKey(kms: KmsModel): OperationHandler<DescribeKeyRequest, DescribeKeyResponse> {
  return async (ctx, input) => {
    const key = await kms.findKey(scopeOf(ctx), input.KeyId, { aliases: true });
    return { KeyMetadata: toKeyMetadata(key) };
  };
}
