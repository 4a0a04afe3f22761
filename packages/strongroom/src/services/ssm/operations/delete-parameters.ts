/** SSM DeleteParameters: up to 10; names that do not exist come back in InvalidParameters. */
import type { DeleteParametersRequest, DeleteParametersResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { nameFromReference } from '../model/names.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf } from '../views.ts';

export function deleteParameters(model: SsmModel): OperationHandler<DeleteParametersRequest, DeleteParametersResult> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    const deleted: string[] = [];
    const invalid: string[] = [];
    await model.store.transaction(async () => {
      for (const reference of new Set(input.Names)) {
        if (await model.repo.delete(scope, nameFromReference(reference))) deleted.push(reference);
        else invalid.push(reference);
      }
    });
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  };
}
