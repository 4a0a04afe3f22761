/** AddPermission, RemovePermission, GetPolicy: the function's resource policy. */
import type { OperationHandler } from '../../../protocol/types.ts';
import type * as L from '../../../protocol/spec/generated/lambda.types.ts';
import type { LambdaModel } from '../model/lambda-model.ts';
import { scopeOf } from './functions.ts';

export function addPermission(model: LambdaModel): OperationHandler<L.AddPermissionRequest, L.AddPermissionResponse> {
  return async (ctx, input) => ({ Statement: await model.addPermission(model.ref(scopeOf(ctx), input.FunctionName, input.Qualifier), input) });
}

export function removePermission(model: LambdaModel): OperationHandler<L.RemovePermissionRequest, void> {
  return async (ctx, input) => {
    await model.removePermission(model.ref(scopeOf(ctx), input.FunctionName, input.Qualifier), input.StatementId, input.RevisionId);
  };
}

export function getPolicy(model: LambdaModel): OperationHandler<L.GetPolicyRequest, L.GetPolicyResponse> {
  return async (ctx, input) => {
    const { policy, revisionId } = await model.getPolicy(model.ref(scopeOf(ctx), input.FunctionName, input.Qualifier));
    return { Policy: policy, RevisionId: revisionId };
  };
}
