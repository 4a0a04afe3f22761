/** SSM UnlabelParameterVersion: removes labels from one version; labels it does not carry come back in InvalidLabels. */
import type { UnlabelParameterVersionRequest, UnlabelParameterVersionResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { parameterNotFound, versionNotFound } from '../errors.ts';
import { nameFromReference } from '../model/names.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf } from '../views.ts';

export function unlabelParameterVersion(model: SsmModel): OperationHandler<UnlabelParameterVersionRequest, UnlabelParameterVersionResult> {
  return (ctx, input) =>
    model.store.transaction(async () => {
      const scope = scopeOf(ctx);
      const name = nameFromReference(input.Name);
      if (!(await model.repo.get(scope, name, true))) throw parameterNotFound(name);
      if (!(await model.repo.getVersion(scope, name, input.ParameterVersion))) throw versionNotFound(name, input.ParameterVersion);
      const removed: string[] = [];
      const invalid: string[] = [];
      for (const label of new Set(input.Labels)) {
        if (await model.repo.removeLabel(scope, name, label, input.ParameterVersion)) removed.push(label);
        else invalid.push(label);
      }
      return { RemovedLabels: removed, InvalidLabels: invalid };
    });
}
