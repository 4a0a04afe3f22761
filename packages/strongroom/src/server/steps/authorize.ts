/**
 * Authorizes the decoded request: the service's declaration for the
 * operation names the action, resources, resource policy and condition keys;
 * the Authorizer evaluates them with the caller's identity policies and the
 * request's global keys. Implemented operations without a declaration are
 * denied to everyone but the account's root user. Every decision is kept on
 * the exchange for the access log. Operations without a handler are left to
 * dispatch (NotImplementedException).
 */
import type { Logger } from 'pino';
import type { AccessDeniedCode, Authorizer } from '../../authz/authorizer.ts';
import { toRequestPrincipal } from '../../authz/request-principal.ts';
import { isNoAuthorization, type AuthzCheck, type AuthzDecision } from '../../authz/types.ts';
import { accessDeniedError, type ContextKeys, type EvaluationResult } from '../../iam/policy/index.ts';
import type { Exchange } from '../exchange.ts';
import { requestContext } from './request-context.ts';
import type { Step } from './step.ts';

const UNDECLARED: EvaluationResult = Object.freeze({ decision: 'ImplicitDeny', reason: 'no-identity-policy-allows', deniedBy: 'identity-based', crossAccount: false });

export function authorize(authorizer: Authorizer, log: Logger): Step {
  return {
    name: 'authorize',
    async run(ex) {
      const { service, operation } = ex.route!;
      if (!service.handlers[operation.name]) return;
      const ctx = requestContext(ex, log);
      const principal = ctx.principal;
      const decisions: AuthzDecision[] = [];
      ex.authz = decisions;
      if (principal.kind === 'internal') {
        decisions.push({ action: `${ctx.service}:${ctx.operation}`, resource: '*', decision: 'NotRequired', reason: 'internal-caller' });
        return;
      }
      const errorCode: AccessDeniedCode = service.spec.protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException';
      const declare = service.authz?.[operation.name];
      if (!declare) {
        const action = `${ctx.service}:${ctx.operation}`;
        if (principal.kind === 'root') {
          decisions.push({ action, resource: '*', decision: 'Allow', reason: 'root-user' });
          return;
        }
        decisions.push({ action, resource: '*', decision: 'ImplicitDeny', reason: 'undeclared-operation' });
        throw accessDeniedError({ principal: toRequestPrincipal(principal), action, resource: '*' }, UNDECLARED, errorCode);
      }
      const requirement = await declare(ctx, ex.input);
      if (isNoAuthorization(requirement)) {
        decisions.push({ action: `${ctx.service}:${ctx.operation}`, resource: '*', decision: 'NotRequired', reason: requirement.reason });
        return;
      }
      const checks: readonly AuthzCheck[] = Array.isArray(requirement) ? requirement : [requirement as AuthzCheck];
      await authorizer.authorize({
        principal,
        requestPrincipal: toRequestPrincipal(principal),
        checks,
        globals: globalKeys(ex),
        time: ex.receivedAt,
        errorCode,
        decisions,
      });
    },
  };
}

/** aws:CurrentTime and aws:EpochTime come from the request time; principal keys from the principal. */
function globalKeys(ex: Exchange): ContextKeys {
  return {
    'aws:SourceIp': ex.sourceIp,
    'aws:SecureTransport': ex.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': ex.region,
    'aws:ViaAWSService': ex.viaService === undefined ? 'false' : 'true',
  };
}
