/** SSM DescribeParameters: metadata only (no values), filtered in SQL, by name, MaxResults 1–50 (default 10). */
import type { DescribeParametersRequest, DescribeParametersResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { validation } from '../errors.ts';
import { compileLegacyFilters, compileStringFilters, notExpired } from '../model/filters.ts';
import { decodeToken, toPage } from '../model/pagination.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf, toMetadata } from '../views.ts';

export function describeParameters(model: SsmModel): OperationHandler<DescribeParametersRequest, DescribeParametersResult> {
  return async (ctx, input) => {
    if (input.Filters?.length && input.ParameterFilters?.length) throw validation('You can use either Filters or ParameterFilters in a single request.');
    const conditions = [notExpired(model.now()), ...compileLegacyFilters(input.Filters), ...compileStringFilters(input.ParameterFilters, 'describe', model.store.engine)];
    const limit = input.MaxResults ?? 10;
    const after = decodeToken<string>(input.NextToken, 'string');
    const page = toPage(await model.repo.list(scopeOf(ctx), conditions, after, limit + 1), limit, (row) => row.name);
    return { Parameters: page.items.map(toMetadata), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  };
}
