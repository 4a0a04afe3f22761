/** KMS ReplicateKey: a replica of a multi-Region primary key in another region (same key id and material, its own policy and tags). */
import type { ReplicateKeyRequest, ReplicateKeyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { replicateKey as replicate } from '../multi-region/replicate.ts';
import { callerOf, toKeyMetadata } from '../views.ts';

export function replicateKey(kms: KmsModel): OperationHandler<ReplicateKeyRequest, ReplicateKeyResponse> {
  return async (ctx, input) => {
    const { key, tags } = await replicate(kms, callerOf(ctx), input.KeyId, {
      replicaRegion: input.ReplicaRegion,
      policy: input.Policy,
      description: input.Description,
      tags: input.Tags?.map((t) => ({ key: t.TagKey, value: t.TagValue })),
    });
    const output: ReplicateKeyResponse = { ReplicaKeyMetadata: toKeyMetadata(key), ReplicaPolicy: key.record.policy };
    if (tags.length > 0) output.ReplicaTags = tags.map((t) => ({ TagKey: t.key, TagValue: t.value }));
    return output;
  };
}
