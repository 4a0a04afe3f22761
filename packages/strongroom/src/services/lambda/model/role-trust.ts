/**
 * Whether Lambda may assume a function's execution role: the role exists
 * and its trust policy allows the service principal `lambda.amazonaws.com`
 * sts:AssumeRole. CreateFunction and UpdateFunctionConfiguration refuse a
 * role that fails this, as AWS does.
 */
import { compilePolicy, evaluate, type RequestPrincipal } from '../../../iam/policy/index.ts';

export const LAMBDA_SERVICE = 'lambda.amazonaws.com';
const LAMBDA_PRINCIPAL: RequestPrincipal = { type: 'service', arn: LAMBDA_SERVICE, accountId: '', service: LAMBDA_SERVICE };

export interface RoleLookup {
  getRoleByArn(arn: string): Promise<{ arn: string; assumeRolePolicyDocument: string } | undefined>;
}

export async function lambdaMayAssume(roles: RoleLookup, roleArn: string): Promise<boolean> {
  const role = await roles.getRoleByArn(roleArn);
  if (!role) return false;
  let policy;
  try {
    policy = compilePolicy(role.assumeRolePolicyDocument, { kind: 'trust' });
  } catch {
    return false;
  }
  const result = evaluate({ principal: LAMBDA_PRINCIPAL, action: 'sts:AssumeRole', resource: role.arn }, { resource: { name: `${role.arn} trust policy`, policy, resourcePolicyMustEnableIam: true } });
  return result.decision === 'Allow';
}
