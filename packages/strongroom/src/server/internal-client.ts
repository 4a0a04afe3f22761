/**
 * How one service calls another in-process (Parameter Store and Secrets
 * Manager calling KMS, later rotation and CloudFormation): through the same
 * door as a client, entering the pipeline at authorization. The caller's
 * principal is kept and `viaService` is set, so key policies, grants and
 * kms:ViaService / aws:ViaAWSService conditions apply as they do on AWS.
 * No wire format is involved: input and output are the typed shapes.
 */
import type { Logger } from 'pino';
import { resolveSpec } from '../protocol/spec/resolve.ts';
import { assertValid } from '../protocol/validate.ts';
import type { Principal } from './context.ts';
import type { Exchange } from './exchange.ts';
import type { ServiceRegistry } from './service-registry.ts';
import type { Step } from './steps/step.ts';
import { UnknownOperationException } from './routing-errors.ts';

export interface InternalCall {
  /** Who the calling service acts for: the principal of the request it is serving. */
  principal: Principal;
  region: string;
  /** The calling service's endpoint name, e.g. "ssm.us-east-1.amazonaws.com" (kms:ViaService). */
  viaService: string;
  /** The request id of the request being served, so logs correlate. */
  requestId: string;
  sourceIp?: string;
}

export class InternalClient {
  #registry: ServiceRegistry | undefined;
  readonly #steps: readonly Step[];
  readonly #log: Logger;

  /** `steps` are the pipeline's steps from authorization on (authorize, dispatch). */
  constructor(steps: readonly Step[], log: Logger) {
    this.#steps = steps;
    this.#log = log;
  }

  /** Services are built with the client before the registry exists; the composition root attaches it once built. */
  attach(registry: ServiceRegistry): void {
    this.#registry = registry;
  }

  /** Runs `operation` of the service with signing name `service`; resolves with its output or throws its AwsError. */
  async call<O = unknown>(service: string, operation: string, input: object, on: InternalCall): Promise<O> {
    const definition = this.#registry?.forSigningName(service);
    const spec = definition?.spec.operations[operation];
    if (!definition || !spec) throw new UnknownOperationException();
    const shape = resolveSpec(definition.spec).input(spec);
    if (shape) assertValid(shape, input, definition.spec.protocol === 'json' ? 'ValidationException' : 'ValidationError');

    const exchange: Exchange = {
      requestId: on.requestId,
      receivedAt: new Date(),
      wire: { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) },
      rawPath: '/',
      rawQuery: '',
      sourceIp: on.sourceIp ?? '',
      secureTransport: false,
      errorCodec: undefined as never,
      service: definition.spec,
      route: { service: definition, codec: undefined as never, operation: spec },
      principal: on.principal,
      region: on.region,
      viaService: on.viaService,
      input,
    };
    for (const step of this.#steps) await step.run(exchange);
    this.#log.debug({ requestId: on.requestId, internal: `${service}:${operation}`, via: on.viaService, authz: exchange.authz }, 'internal call');
    return exchange.output as O;
  }
}
