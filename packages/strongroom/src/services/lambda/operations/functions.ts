/** CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction. */
import type { OperationHandler } from '../../../protocol/types.ts';
import type * as L from '../../../protocol/spec/generated/lambda.types.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { LambdaModel } from '../model/lambda-model.ts';
import type { FunctionScope } from '../model/types.ts';
import { functionConfiguration } from '../views.ts';

export const scopeOf = (ctx: RequestContext): FunctionScope => ({ accountId: ctx.principal.accountId, region: ctx.region });

export function createFunction(model: LambdaModel): OperationHandler<L.CreateFunctionRequest, L.FunctionConfiguration> {
  return async (ctx, input) => functionConfiguration(await model.create(scopeOf(ctx), input, ctx.receivedAt.getTime()));
}

export function getFunction(model: LambdaModel): OperationHandler<L.GetFunctionRequest, L.GetFunctionResponse> {
  return async (ctx, input) => {
    const fn = await model.get(model.ref(scopeOf(ctx), input.FunctionName, input.Qualifier));
    // No Code.Location: Strongroom has no S3 to hand out a download URL from.
    return { Configuration: functionConfiguration(fn) };
  };
}

export function getFunctionConfiguration(model: LambdaModel): OperationHandler<L.GetFunctionConfigurationRequest, L.FunctionConfiguration> {
  return async (ctx, input) => functionConfiguration(await model.get(model.ref(scopeOf(ctx), input.FunctionName, input.Qualifier)));
}

export function listFunctions(model: LambdaModel): OperationHandler<L.ListFunctionsRequest, L.ListFunctionsResponse> {
  return async (ctx, input) => {
    const page = await model.list(scopeOf(ctx), input.Marker, input.MaxItems);
    const output: L.ListFunctionsResponse = { Functions: page.functions.map(functionConfiguration) };
    if (page.nextMarker !== undefined) output.NextMarker = page.nextMarker;
    return output;
  };
}

export function deleteFunction(model: LambdaModel): OperationHandler<L.DeleteFunctionRequest, L.DeleteFunctionResponse> {
  return async (ctx, input) => {
    await model.delete(model.ref(scopeOf(ctx), input.FunctionName, input.Qualifier));
    return {};
  };
}

export function updateFunctionCode(model: LambdaModel): OperationHandler<L.UpdateFunctionCodeRequest, L.FunctionConfiguration> {
  return async (ctx, input) => functionConfiguration(await model.updateCode(model.ref(scopeOf(ctx), input.FunctionName), input, ctx.receivedAt.getTime()));
}

export function updateFunctionConfiguration(model: LambdaModel): OperationHandler<L.UpdateFunctionConfigurationRequest, L.FunctionConfiguration> {
  return async (ctx, input) => functionConfiguration(await model.updateConfiguration(model.ref(scopeOf(ctx), input.FunctionName), input, ctx.receivedAt.getTime()));
}
