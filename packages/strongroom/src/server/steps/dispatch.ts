/** Builds the handler's context and runs the operation's handler. */
import type { Logger } from 'pino';
import { AwsError } from '../../errors/aws-error.ts';
import { requestContext } from './request-context.ts';
import type { Step } from './step.ts';

/** An operation in the model that Strongroom does not implement (yet). */
export class NotImplementedOperation extends AwsError {
  constructor(service: string, operation: string) {
    super('NotImplementedException', `${service}:${operation} is not implemented by Strongroom`, 501);
  }
}

export function dispatch(log: Logger): Step {
  return {
    name: 'dispatch',
    async run(ex) {
      const { service, operation } = ex.route!;
      const handler = service.handlers[operation.name];
      if (!handler) throw new NotImplementedOperation(service.spec.signingName, operation.name);
      const ctx = ex.ctx ?? requestContext(ex, log); // authorize has usually built it
      ex.output = await handler(ctx, ex.input);
    },
  };
}

export function encodeOutput(): Step {
  return {
    name: 'encode-output',
    run(ex) {
      const { service, codec, operation } = ex.route!;
      ex.response = codec.encodeOutput(service.spec, operation, ex.output ?? {}, ex.requestId);
    },
  };
}
