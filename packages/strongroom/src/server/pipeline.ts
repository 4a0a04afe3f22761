/**
 * The request pipeline: the ordered steps every AWS request passes, listed in
 * this one place, then the error phase and the finalisers.
 */
import type { Logger } from 'pino';
import { AwsError, InternalFailure } from '../errors/aws-error.ts';
import type { Exchange } from './exchange.ts';
import type { ServiceRegistry } from './service-registry.ts';
import type { Step } from './steps/step.ts';
import { selectProtocol, type Codecs } from './steps/select-protocol.ts';
import { parseSignature } from './steps/parse-signature.ts';
import { routeOperation } from './steps/route-operation.ts';
import { authenticate, type Authentication } from './steps/authenticate.ts';
import { decodeInput } from './steps/decode-input.ts';
import { authorize } from './steps/authorize.ts';
import type { Authorizer } from '../authz/authorizer.ts';
import { dispatch, encodeOutput } from './steps/dispatch.ts';

export interface PipelineDeps {
  registry: ServiceRegistry;
  codecs: Codecs;
  auth: Authentication;
  authorizer: Authorizer;
  log: Logger;
}

export type Pipeline = (exchange: Exchange) => Promise<void>;

/** The steps from authorization on, shared by the HTTP pipeline and the in-process client. */
export function serviceSteps(deps: Pick<PipelineDeps, 'authorizer' | 'log'>): Step[] {
  return [authorize(deps.authorizer, deps.log), dispatch(deps.log)];
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const steps: Step[] = [
    selectProtocol(deps.codecs),
    parseSignature(),
    routeOperation(deps.registry, deps.codecs),
    authenticate(deps.auth),
    decodeInput(),
    ...serviceSteps(deps),
    encodeOutput(),
  ];

  return async function handle(ex) {
    try {
      for (const step of steps) {
        const pending = step.run(ex);
        if (pending) await pending; // synchronous steps cost no extra promise
      }
    } catch (error) {
      ex.error = toAwsError(error, ex, deps.log);
      ex.response = ex.errorCodec.encodeError(ex.service, ex.error, ex.requestId);
    }
    logRequest(deps.log, ex);
  };
}

function toAwsError(error: unknown, ex: Exchange, log: Logger): AwsError {
  if (error instanceof AwsError) return error;
  // Log the cause with the request id; the client only ever sees InternalFailure.
  log.error({ requestId: ex.requestId, err: error }, 'unhandled error');
  return new InternalFailure();
}

function logRequest(log: Logger, ex: Exchange): void {
  if (!log.isLevelEnabled('info')) return;
  const status = ex.response?.status ?? 500;
  log.info(
    {
      requestId: ex.requestId,
      service: ex.route?.service.spec.signingName,
      operation: ex.route?.operation.name,
      principal: ex.principal?.arn,
      authz: ex.authz,
      status,
      error: ex.error?.code,
      ms: Date.now() - ex.receivedAt.getTime(),
    },
    'request',
  );
}
