/** SSM GetParameterHistory: every kept version, oldest first, with its labels; MaxResults 1–50 (default 50). */
import type { GetParameterHistoryRequest, GetParameterHistoryResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { parameterNotFound } from '../errors.ts';
import { isPlausibleName, nameFromReference } from '../model/names.ts';
import { decodeToken, toPage } from '../model/pagination.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf, toHistory } from '../views.ts';

export function getParameterHistory(model: SsmModel): OperationHandler<GetParameterHistoryRequest, GetParameterHistoryResult> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    const name = nameFromReference(input.Name);
    if (!isPlausibleName(name) || !(await model.repo.get(scope, name))) throw parameterNotFound();
    const limit = input.MaxResults ?? 50;
    const after = decodeToken<number>(input.NextToken, 'number') ?? 0;
    const page = toPage(await model.repo.history(scope, name, after, limit + 1), limit, (v) => v.version);
    const labels = await model.repo.labels(
      scope,
      name,
      page.items.map((v) => v.version),
    );
    const parameters = [];
    for (const version of page.items) {
      parameters.push(toHistory(version, await model.valueFor(ctx, version, input.WithDecryption), labels.get(version.version) ?? []));
    }
    return { Parameters: parameters, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  };
}
