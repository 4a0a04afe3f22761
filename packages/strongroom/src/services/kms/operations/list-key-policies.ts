/** KMS ListKeyPolicies: every key has exactly one policy, "default". */
import type { ListKeyPoliciesRequest, ListKeyPoliciesResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { DEFAULT_POLICY_NAME } from '../model/key-policies.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { decodeMarker } from '../model/pagination.ts';
import { scopeOf } from '../views.ts';

export function listKeyPolicies(kms: KmsModel): OperationHandler<ListKeyPoliciesRequest, ListKeyPoliciesResponse> {
  return async (ctx, input) => {
    await kms.findKey(scopeOf(ctx), input.KeyId, { aliases: false });
    // The one policy fits any Limit; a marker can only point past it.
    const names = decodeMarker(input.Marker) === undefined ? [DEFAULT_POLICY_NAME] : [];
    return { PolicyNames: names, Truncated: false };
  };
}
