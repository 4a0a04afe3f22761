/**
 * A function's credentials: Lambda assumes the function's execution role
 * through STS AssumeRole, in-process, as the service principal
 * lambda.amazonaws.com (after checking the role's trust policy names it), so
 * the session is an ordinary STS session and everything the function calls
 * is authorized like any other caller's.
 */
import type { AssumeRoleResponse } from '../../protocol/spec/generated/sts.types.ts';
import type { InternalClient } from '../../server/internal-client.ts';
import type { Principal } from '../../server/context.ts';
import { roleCannotBeAssumed } from './errors.ts';
import { LAMBDA_SERVICE, lambdaMayAssume, type RoleLookup } from './model/role-trust.ts';
import type { RoleCredentials, RunnableFunction } from './runtime/function-runtime.ts';

function lambdaPrincipal(accountId: string): Principal {
  return { kind: 'internal', accountId, arn: LAMBDA_SERVICE, userId: LAMBDA_SERVICE };
}

/** RoleSessionName allows [\w+=,.@-]{2,64}; function names ([a-zA-Z0-9-_]{1,64}) fit once padded. */
function sessionName(functionName: string): string {
  return functionName.length >= 2 ? functionName : `${functionName}-`;
}

export function roleCredentials(internal: InternalClient, roles: RoleLookup): (fn: RunnableFunction, requestId: string) => Promise<RoleCredentials> {
  return async (fn, requestId) => {
    if (!(await lambdaMayAssume(roles, fn.role))) throw roleCannotBeAssumed();
    const out = await internal.call<AssumeRoleResponse>(
      'sts',
      'AssumeRole',
      { RoleArn: fn.role, RoleSessionName: sessionName(fn.name) },
      { principal: lambdaPrincipal(fn.accountId), region: fn.region, viaService: LAMBDA_SERVICE, requestId },
    );
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: new Date(c.Expiration) };
  };
}
