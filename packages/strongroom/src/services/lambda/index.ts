/**
 * The Lambda service definition: the generated model (restJson1) plus one
 * handler per implemented operation over one LambdaModel. The composition
 * root creates the model with a FunctionRuntime whose credentials come from
 * STS AssumeRole in-process (role-credentials.ts).
 */
import { lambdaSpec } from '../../protocol/spec/generated/lambda.spec.ts';
import type { ServiceDefinition } from '../../protocol/types.ts';
import { lambdaAuthz } from './authz.ts';
import type { LambdaModel } from './model/lambda-model.ts';
import { createFunction, deleteFunction, getFunction, getFunctionConfiguration, listFunctions, updateFunctionCode, updateFunctionConfiguration } from './operations/functions.ts';
import { invoke } from './operations/invoke.ts';
import { addPermission, getPolicy, removePermission } from './operations/permissions.ts';

export { LambdaModel, type LambdaModelOptions } from './model/lambda-model.ts';
export { FunctionRuntime, type FunctionRuntimeOptions } from './runtime/function-runtime.ts';
export { roleCredentials } from './role-credentials.ts';

export function lambdaService({ lambda }: { lambda: LambdaModel }): ServiceDefinition {
  return {
    spec: lambdaSpec,
    handlers: {
      CreateFunction: createFunction(lambda),
      GetFunction: getFunction(lambda),
      GetFunctionConfiguration: getFunctionConfiguration(lambda),
      ListFunctions: listFunctions(lambda),
      DeleteFunction: deleteFunction(lambda),
      UpdateFunctionCode: updateFunctionCode(lambda),
      UpdateFunctionConfiguration: updateFunctionConfiguration(lambda),
      Invoke: invoke(lambda),
      AddPermission: addPermission(lambda),
      RemovePermission: removePermission(lambda),
      GetPolicy: getPolicy(lambda),
    },
    authz: lambdaAuthz(lambda),
  };
}
