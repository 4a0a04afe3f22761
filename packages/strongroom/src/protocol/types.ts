/**
 * Contracts between the server, the protocol codecs and the services.
 * Handlers receive typed, validated input and return typed output; they never
 * see a wire format.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from '../server/context.ts';
import type { AwsError } from '../errors/aws-error.ts';
import type { ServiceAuthz } from '../authz/types.ts';
import type { ServiceSpec, OperationSpec } from './spec/spec-types.ts';

export interface WireRequest {
  method: string;
  /** Path without the query string, e.g. "/". */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** node:http's raw header list (repeated headers kept apart, as SigV4 needs them). */
  rawHeaders?: readonly string[];
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export type OperationHandler<I = any, O = any> = (ctx: RequestContext, input: I) => Promise<O> | O;

export interface ServiceDefinition {
  spec: ServiceSpec;
  handlers: Partial<Record<string, OperationHandler>>;
  /** Per operation: what it must be authorized for (see src/authz/types.ts). Implemented operations without one are denied to all but the root user. */
  authz?: ServiceAuthz;
}

/** One per AWS protocol (awsJson1_1, awsQuery, later restJson1 and restXml). */
export interface ProtocolCodec {
  /**
   * Decode and validate the request against the operation's input shape; throws AwsError.
   * `labels`: the URI labels the router matched (REST protocols; percent-decoded).
   */
  decodeInput(spec: ServiceSpec, op: OperationSpec, req: WireRequest, labels?: Readonly<Record<string, string>>): unknown;
  encodeOutput(spec: ServiceSpec, op: OperationSpec, output: unknown, requestId: string): WireResponse;
  encodeError(spec: ServiceSpec | undefined, error: AwsError, requestId: string): WireResponse;
}
