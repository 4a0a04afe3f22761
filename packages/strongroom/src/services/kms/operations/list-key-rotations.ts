/** KMS ListKeyRotations: completed rotations (with IncludeKeyMaterial ALL_KEY_MATERIAL, the first material too). */
import type { ListKeyRotationsRequest, ListKeyRotationsResponse, RotationsListEntry } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { listRotations } from '../model/listings.ts';
import { pageInfo, scopeOf } from '../views.ts';

export function listKeyRotations(kms: KmsModel): OperationHandler<ListKeyRotationsRequest, ListKeyRotationsResponse> {
  return async (ctx, input) => {
    const page = await listRotations(kms, scopeOf(ctx), input.KeyId, {
      includeInitial: input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL',
      limit: input.Limit,
      marker: input.Marker,
    });
    const rotations = page.items.map((r): RotationsListEntry => {
      const entry: RotationsListEntry = { KeyId: r.keyId, KeyMaterialId: r.materialId, KeyMaterialState: r.current ? 'CURRENT' : 'NON_CURRENT' };
      if (r.rotationDate !== undefined) entry.RotationDate = new Date(r.rotationDate);
      if (r.rotationType !== undefined) entry.RotationType = r.rotationType;
      return entry;
    });
    return { Rotations: rotations, ...pageInfo(page) };
  };
}
