/**
 * The state one request accumulates as it passes the pipeline's steps.
 */
import type { AwsError } from '../errors/aws-error.ts';
import type { WireRequest, WireResponse, ServiceDefinition, ProtocolCodec } from '../protocol/types.ts';
import type { OperationSpec, ServiceSpec } from '../protocol/spec/spec-types.ts';
import type { RequestContext, Principal } from './context.ts';
import type { ParsedSigV4 } from '../protocol/sigv4/index.ts';
import type { AuthzDecision } from '../authz/types.ts';

export interface RouteMatch {
  service: ServiceDefinition;
  codec: ProtocolCodec;
  /** Known once the operation name is resolved; undefined for an unknown operation. */
  operation: OperationSpec;
  /** REST protocols: the URI template's labels, percent-decoded. */
  labels?: Record<string, string>;
}

export interface Exchange {
  requestId: string;
  receivedAt: Date;
  wire: WireRequest;
  /** Path and query exactly as sent, before any decoding (SigV4 signs these). */
  rawPath: string;
  rawQuery: string;
  sourceIp: string;
  secureTransport: boolean;
  /** The codec errors are written with, chosen before routing completes. */
  errorCodec: ProtocolCodec;
  sigV4?: ParsedSigV4;
  /** The service, once known — even when its operation is not (errors carry its namespace). */
  service?: ServiceSpec;
  route?: RouteMatch;
  principal?: Principal;
  region?: string;
  /** Set by in-process callers acting through another service (kms:ViaService), e.g. "ssm.us-east-1.amazonaws.com". */
  viaService?: string;
  /** The authorize step's decisions, for the access log. */
  authz?: AuthzDecision[];
  ctx?: RequestContext;
  input?: unknown;
  output?: unknown;
  error?: AwsError;
  response?: WireResponse;
}
