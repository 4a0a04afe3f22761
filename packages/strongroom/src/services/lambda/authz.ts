/**
 * What each Lambda operation must be authorized for: lambda:<Action> on the
 * function's ARN (with the qualifier when one is given; "*" for
 * ListFunctions), evaluated with the function's resource policy (the
 * statements AddPermission adds) when it exists. CreateFunction and
 * UpdateFunctionConfiguration with a Role also need iam:PassRole on that
 * role with iam:PassedToService lambda.amazonaws.com, as on AWS. An unknown
 * function is authorized against the ARN it would have, so a caller without
 * permission learns nothing about it.
 */
import type { AuthzCheck, AuthzContext, ServiceAuthz } from '../../authz/types.ts';
import type { ContextKeys } from '../../iam/policy/index.ts';
import type * as L from '../../protocol/spec/generated/lambda.types.ts';
import { functionArn, refArn } from './model/function-names.ts';
import type { LambdaModel } from './model/lambda-model.ts';
import { compiledFunctionPolicy } from './model/permissions.ts';
import { LAMBDA_SERVICE } from './model/role-trust.ts';
import { scopeOf } from './operations/functions.ts';

function passRole(role: string): AuthzCheck {
  return { action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': LAMBDA_SERVICE } };
}

export function lambdaAuthz(model: LambdaModel): ServiceAuthz {
  const onFunction = async (ctx: AuthzContext, action: string, functionName: string, qualifier?: string, context?: ContextKeys): Promise<AuthzCheck> => {
    const ref = model.ref(scopeOf(ctx), functionName, qualifier);
    const fn = await model.find({ ...ref, qualifier: undefined });
    const policy = fn?.resourcePolicy ? compiledFunctionPolicy(fn.resourcePolicy) : undefined;
    const check: AuthzCheck = { action, resource: refArn(ref), ...(context ? { context } : {}) };
    return policy ? { ...check, resourcePolicy: { name: `function-policy:${fn!.arn}`, policy } } : check;
  };
  const simple =
    (action: string) =>
    (ctx: AuthzContext, input: { FunctionName: string; Qualifier?: string }) =>
      onFunction(ctx, action, input.FunctionName, input.Qualifier);
  return {
    CreateFunction: (ctx, input: L.CreateFunctionRequest) => {
      const ref = model.ref(scopeOf(ctx), input.FunctionName);
      return [{ action: 'lambda:CreateFunction', resource: functionArn(ref, ref.name) }, passRole(input.Role)];
    },
    GetFunction: simple('lambda:GetFunction'),
    GetFunctionConfiguration: simple('lambda:GetFunctionConfiguration'),
    ListFunctions: () => ({ action: 'lambda:ListFunctions', resource: '*' }),
    DeleteFunction: simple('lambda:DeleteFunction'),
    UpdateFunctionCode: simple('lambda:UpdateFunctionCode'),
    UpdateFunctionConfiguration: async (ctx, input: L.UpdateFunctionConfigurationRequest) => {
      const check = await onFunction(ctx, 'lambda:UpdateFunctionConfiguration', input.FunctionName);
      return input.Role === undefined ? check : [check, passRole(input.Role)];
    },
    Invoke: simple('lambda:InvokeFunction'),
    AddPermission: (ctx, input: L.AddPermissionRequest) => onFunction(ctx, 'lambda:AddPermission', input.FunctionName, input.Qualifier, { 'lambda:Principal': input.Principal }),
    RemovePermission: simple('lambda:RemovePermission'),
    GetPolicy: simple('lambda:GetPolicy'),
  };
}
