/**
 * The restJson1 protocol (Lambda): operations routed by HTTP method and URI
 * template (routes.ts), members bound to labels, query parameters, headers
 * and the body (decode.ts / encode.ts). Errors carry their code in the
 * `x-amzn-ErrorType` header and the message (keyed as the model keys it;
 * "Message" for errors outside the model) plus the exception's other
 * members in a JSON body.
 */
import type { AwsError } from '../../errors/aws-error.ts';
import type { ProtocolCodec, WireResponse } from '../types.ts';
import type { ServiceSpec } from '../spec/spec-types.ts';
import { resolveSpec } from '../spec/resolve.ts';
import { asAwsError, errorDetails } from '../spec/model-error.ts';
import { assertValid } from '../validate.ts';
import { encodeValue } from '../aws-json/encode.ts';
import { decodeRestInput } from './decode.ts';
import { encodeRestOutput } from './encode.ts';

const JSON_TYPE = 'application/json';

function errorBody(spec: ServiceSpec | undefined, error: AwsError): string {
  const shape = spec ? resolveSpec(spec).errorsByCode.get(error.code) : undefined;
  const body: Record<string, unknown> = {};
  const details = errorDetails(error);
  if (details) {
    for (const [k, v] of Object.entries(details)) {
      if (v === undefined || v === null) continue;
      const member = shape?.members.find((m) => m.name === k);
      body[member?.jsonName ?? k] = member ? encodeValue(member.shape, v) : v;
    }
  }
  const messageMember = shape?.members.find((m) => m.name === 'message' || m.name === 'Message');
  // Errors outside the model (a denial, an authentication failure) are keyed as Lambda keys its denials: "Message".
  if (error.message !== '') body[messageMember?.jsonName ?? 'Message'] = error.message;
  return JSON.stringify(body);
}

/** The authorizer's AccessDeniedException carries awsJson's 400; restJson1 services (Lambda) answer a denial with 403. */
function statusOf(error: AwsError): number {
  return error.code === 'AccessDeniedException' ? 403 : error.httpStatus;
}

export const restJsonCodec: ProtocolCodec = {
  decodeInput(spec, op, req, labels = {}) {
    const shape = resolveSpec(spec).input(op);
    if (!shape) return {};
    const input = decodeRestInput(shape, req, labels);
    assertValid(shape, input, 'ValidationException');
    return input;
  },
  encodeOutput(spec, op, output, requestId): WireResponse {
    const rendered = encodeRestOutput(resolveSpec(spec).output(op), output as Record<string, unknown> | undefined);
    const headers: Record<string, string> = { 'x-amzn-RequestId': requestId, ...rendered.headers };
    if (rendered.contentType && rendered.body.length > 0) headers['Content-Type'] = rendered.contentType;
    return { status: rendered.status ?? op.http.responseCode ?? 200, headers, body: rendered.body };
  },
  encodeError(spec, thrown, requestId): WireResponse {
    const error = asAwsError(thrown);
    return {
      status: statusOf(error),
      headers: { 'Content-Type': JSON_TYPE, 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.code },
      body: errorBody(spec, error),
    };
  },
};
