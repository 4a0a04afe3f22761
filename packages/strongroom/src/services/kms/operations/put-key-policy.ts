/** KMS PutKeyPolicy: replaces the key's policy after checking it is a JSON document within AWS's size quota. */
import type { PutKeyPolicyRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { policyNotFound } from '../errors.ts';
import { putKeyPolicy as putPolicy } from '../model/key-lifecycle.ts';
import { DEFAULT_POLICY_NAME } from '../model/key-policies.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { callerOf } from '../views.ts';

export function putKeyPolicy(kms: KmsModel): OperationHandler<PutKeyPolicyRequest, Record<string, never>> {
  return async (ctx, input) => {
    if ((input.PolicyName ?? DEFAULT_POLICY_NAME) !== DEFAULT_POLICY_NAME) throw policyNotFound();
    await putPolicy(kms, callerOf(ctx), input.KeyId, input.Policy);
    return {};
  };
}
