/** KMS GetKeyPolicy: the key's policy, exactly as stored (PolicyName is "default", the only one). */
import type { GetKeyPolicyRequest, GetKeyPolicyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { policyNotFound } from '../errors.ts';
import { DEFAULT_POLICY_NAME } from '../model/key-policies.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function getKeyPolicy(kms: KmsModel): OperationHandler<GetKeyPolicyRequest, GetKeyPolicyResponse> {
  return async (ctx, input) => {
    const key = await kms.findKey(scopeOf(ctx), input.KeyId, { aliases: false });
    const name = input.PolicyName ?? DEFAULT_POLICY_NAME;
    if (name !== DEFAULT_POLICY_NAME) throw policyNotFound();
    return { Policy: key.record.policy, PolicyName: name };
  };
}
