/**
 * KMS DescribeKey: a key's metadata, by key id, key ARN, alias name or alias
 * ARN, in any key state. As in AWS, describing a predefined AWS alias
 * (alias/aws/ssm, …) that has no key yet creates its AWS managed key.
 */
import type { DescribeKeyRequest, DescribeKeyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { parseKeyIdentifier } from '../model/arns.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { predefinedAliasService } from '../model/managed-keys.ts';
import { scopeOf, toKeyMetadata } from '../views.ts';

export function describeKey(kms: KmsModel): OperationHandler<DescribeKeyRequest, DescribeKeyResponse> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    try {
      return { KeyMetadata: toKeyMetadata(await kms.findKey(scope, input.KeyId, { aliases: true })) };
    } catch (error) {
      const id = parseKeyIdentifier(input.KeyId, scope, { aliases: true });
      const service = id.kind === 'alias' ? predefinedAliasService(id.aliasName) : undefined;
      if (service === undefined || (error as Error).name !== 'NotFoundException') throw error;
      const record = await kms.ensureAwsManagedKey(scope.accountId, scope.region, service);
      return { KeyMetadata: toKeyMetadata(await kms.findKey(scope, record.keyId, { aliases: false })) };
    }
  };
}
