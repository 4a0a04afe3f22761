/** SSM DeleteParameter: the parameter with all its versions, labels and tags. */
import type { DeleteParameterRequest, DeleteParameterResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { parameterNotFound } from '../errors.ts';
import { nameFromReference } from '../model/names.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf } from '../views.ts';

export function deleteParameter(model: SsmModel): OperationHandler<DeleteParameterRequest, DeleteParameterResult> {
  return async (ctx, input) => {
    const name = nameFromReference(input.Name);
    if (!(await model.repo.delete(scopeOf(ctx), name))) throw parameterNotFound(name);
    return {};
  };
}
