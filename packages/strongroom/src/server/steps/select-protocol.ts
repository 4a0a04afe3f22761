/**
 * Chooses the wire protocol from the request's shape alone, so that even the
 * earliest errors are written the way the client expects: awsJson requests
 * carry X-Amz-Target, everything else on POST / is awsQuery.
 */
import type { ProtocolCodec } from '../../protocol/types.ts';
import type { Step } from './step.ts';

export function selectProtocol(codecs: { json: ProtocolCodec; query: ProtocolCodec }): Step {
  return {
    name: 'select-protocol',
    run(ex) {
      ex.errorCodec = ex.wire.headers['x-amz-target'] !== undefined ? codecs.json : codecs.query;
    },
  };
}
