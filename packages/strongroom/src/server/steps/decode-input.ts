/** Decodes and validates the body into the operation's typed input. */
import type { Step } from './step.ts';

export function decodeInput(): Step {
  return {
    name: 'decode-input',
    run(ex) {
      const { service, codec, operation, labels } = ex.route!;
      ex.input = codec.decodeInput(service.spec, operation, ex.wire, labels);
    },
  };
}
