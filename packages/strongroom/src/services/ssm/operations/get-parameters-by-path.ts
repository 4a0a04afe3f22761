/**
 * SSM GetParametersByPath: the parameters directly under a path, or (Recursive)
 * anywhere below it, by name, MaxResults (1–10, default 10) per page. One
 * indexed range query per page plus one for the page's current versions.
 */
import type { GetParametersByPathRequest, GetParametersByPathResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { notExpired, compileStringFilters, pathCondition } from '../model/filters.ts';
import { normalizePath } from '../model/names.ts';
import { decodeToken, toPage } from '../model/pagination.ts';
import { PUBLIC_PREFIX, publicParametersByPath } from '../model/public-parameters.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf, toParameter } from '../views.ts';

export function getParametersByPath(model: SsmModel): OperationHandler<GetParametersByPathRequest, GetParametersByPathResult> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    const path = normalizePath(input.Path);
    if (`${path}/`.startsWith(PUBLIC_PREFIX)) {
      const limit = input.MaxResults ?? 10;
      const page = toPage(publicParametersByPath(ctx.region, path, input.Recursive === true, decodeToken<string>(input.NextToken, 'string')), limit, (p) => p.Name!);
      return { Parameters: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    }
    const conditions = [notExpired(model.now()), pathCondition(path, input.Recursive === true), ...compileStringFilters(input.ParameterFilters, 'by-path', model.store.engine)];
    const limit = input.MaxResults ?? 10;
    const after = decodeToken<string>(input.NextToken, 'string');
    const page = toPage(await model.repo.list(scope, conditions, after, limit + 1), limit, (row) => row.name);
    const versions = await model.repo.currentVersions(scope, page.items);
    const parameters = [];
    for (const row of page.items) {
      const version = versions.get(row.name);
      if (version) parameters.push(toParameter(version, await model.valueFor(ctx, version, input.WithDecryption)));
    }
    return { Parameters: parameters, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  };
}
