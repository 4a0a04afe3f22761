/**
 * Reads the SigV4 signature's parts (credential scope, signed headers) without
 * verifying them yet: awsQuery routing needs the scope's service name, and an
 * unsigned or malformed request is refused before anything else is looked at.
 */
import { parseSigV4, SigV4Error, toAwsError } from '../../protocol/sigv4/index.ts';
import type { AuthProtocol } from '../../protocol/sigv4/auth-errors.ts';
import type { Exchange } from '../exchange.ts';
import type { Step } from './step.ts';
import { wireProtocol } from './select-protocol.ts';

export function parseSignature(): Step {
  return {
    name: 'parse-signature',
    run(ex) {
      try {
        ex.sigV4 = parseSigV4(sigV4Request(ex));
      } catch (error) {
        throw error instanceof SigV4Error ? toAwsError(error, protocolOf(ex)) : error;
      }
    },
  };
}

export function sigV4Request(ex: Exchange) {
  return { method: ex.wire.method, rawPath: ex.rawPath, rawQuery: ex.rawQuery, headers: ex.wire.headers, rawHeaders: ex.wire.rawHeaders, body: ex.wire.body };
}

/** Which family of SigV4 errors the client expects. */
export function protocolOf(ex: Exchange): AuthProtocol {
  const protocol = wireProtocol(ex.wire.headers, ex.rawPath);
  return protocol === 'restJson' ? 'rest-json' : protocol;
}
