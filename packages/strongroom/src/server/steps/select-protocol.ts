/**
 * Chooses the wire protocol from the request's shape alone, so that even the
 * earliest errors are written the way the client expects: awsJson requests
 * carry X-Amz-Target, awsQuery requests go to `/` (or post a form), and
 * anything else (`/2015-03-31/functions/...`) is restJson1.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ProtocolCodec } from '../../protocol/types.ts';
import type { Step } from './step.ts';

export interface Codecs {
  json: ProtocolCodec;
  query: ProtocolCodec;
  restJson: ProtocolCodec;
}

export type WireProtocol = 'json' | 'query' | 'restJson';

export function wireProtocol(headers: IncomingHttpHeaders, rawPath: string): WireProtocol {
  if (headers['x-amz-target'] !== undefined) return 'json';
  if (rawPath === '/' || rawPath === '') return 'query';
  const type = headers['content-type'];
  return typeof type === 'string' && type.toLowerCase().startsWith('application/x-www-form-urlencoded') ? 'query' : 'restJson';
}

export function selectProtocol(codecs: Codecs): Step {
  return {
    name: 'select-protocol',
    run(ex) {
      ex.errorCodec = codecs[wireProtocol(ex.wire.headers, ex.rawPath)];
    },
  };
}
