/** The handler's context for an exchange: built once (by authorize) and reused by dispatch. */
import type { Logger } from 'pino';
import type { AuthzContext } from '../../authz/types.ts';
import type { Exchange } from '../exchange.ts';

export function requestContext(ex: Exchange, log: Logger): AuthzContext {
  const { service, operation } = ex.route!;
  const ctx: AuthzContext = {
    requestId: ex.requestId,
    service: service.spec.signingName,
    operation: operation.name,
    region: ex.region!,
    principal: ex.principal!,
    sourceIp: ex.sourceIp,
    secureTransport: ex.secureTransport,
    receivedAt: ex.receivedAt,
    log,
  };
  if (ex.viaService !== undefined) ctx.viaService = ex.viaService;
  ex.ctx = ctx;
  return ctx;
}
