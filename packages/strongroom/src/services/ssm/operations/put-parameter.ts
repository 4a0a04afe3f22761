/** SSM PutParameter: a new parameter, or with Overwrite a new version of one. */
import type { PutParameterRequest, PutParameterResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { putParameter as put } from '../model/put.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf } from '../views.ts';

export function putParameter(model: SsmModel): OperationHandler<PutParameterRequest, PutParameterResult> {
  return (ctx, input) => put(model, ctx, scopeOf(ctx), input);
}
