/**
 * Invoke: RequestResponse runs the function and answers its result (200),
 * with X-Amz-Function-Error "Unhandled" and the error object as the payload
 * when it failed, and the base64 tail of its log when LogType is Tail; Event
 * starts it and answers 202 at once; DryRun only checks (204).
 */
import type { OperationHandler } from '../../../protocol/types.ts';
import type * as L from '../../../protocol/spec/generated/lambda.types.ts';
import type { LambdaModel } from '../model/lambda-model.ts';
import { logTail } from '../runtime/function-runtime.ts';
import { scopeOf } from './functions.ts';

export function invoke(model: LambdaModel): OperationHandler<L.InvocationRequest, L.InvocationResponse> {
  return async (ctx, input) => {
    const outcome = await model.invoke(model.ref(scopeOf(ctx), input.FunctionName, input.Qualifier), {
      invocationType: input.InvocationType ?? 'RequestResponse',
      payload: input.Payload,
      requestId: ctx.requestId,
      clientContext: input.ClientContext,
    });
    if (outcome.status !== 200) return { StatusCode: outcome.status };
    const output: L.InvocationResponse = { StatusCode: 200, Payload: outcome.result.payload, ExecutedVersion: '$LATEST' };
    if (outcome.result.functionError) output.FunctionError = outcome.result.functionError;
    if (input.LogType === 'Tail') output.LogResult = logTail(outcome.result.logs);
    return output;
  };
}
