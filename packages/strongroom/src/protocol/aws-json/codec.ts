/**
 * The awsJson1_0 / awsJson1_1 protocol (KMS, SSM, Secrets Manager):
 * `X-Amz-Target` routed POSTs with a JSON body both ways.
 */
import type { AwsError } from '../../errors/aws-error.ts';
import type { ProtocolCodec, WireResponse } from '../types.ts';
import type { ServiceSpec } from '../spec/spec-types.ts';
import { resolveSpec } from '../spec/resolve.ts';
import { asAwsError, errorDetails } from '../spec/model-error.ts';
import { assertValid } from '../validate.ts';
import { decodeInputStructure, parseJsonBody } from './decode.ts';
import { encodeOutputBody, encodeValue } from './encode.ts';

function contentType(spec: ServiceSpec | undefined): string {
  return spec?.jsonVersion === '1.0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
}

/** Error body: `{"__type":"<Code>","message":"<msg>", ...model members}`; the message key follows the model's casing (Secrets Manager: "Message"). */
function errorBody(spec: ServiceSpec | undefined, error: AwsError): string {
  const shape = spec ? resolveSpec(spec).errorsByCode.get(error.code) : undefined;
  const body: Record<string, unknown> = { __type: error.code };
  if (error.message !== '') {
    const messageMember = shape?.members.find((m) => m.name === 'message' || m.name === 'Message');
    body[messageMember?.jsonName ?? 'message'] = error.message;
  }
  const details = errorDetails(error);
  if (details) {
    for (const [k, v] of Object.entries(details)) {
      if (v === undefined || v === null || k === '__type') continue;
      const member = shape?.members.find((m) => m.name === k);
      body[member?.jsonName ?? k] = member ? encodeValue(member.shape, v) : v;
    }
  }
  return JSON.stringify(body);
}

export const awsJsonCodec: ProtocolCodec = {
  decodeInput(spec, op, req) {
    const body = parseJsonBody(req.body);
    const shape = resolveSpec(spec).input(op);
    if (!shape) return {};
    const input = decodeInputStructure(shape, body);
    assertValid(shape, input, 'ValidationException');
    return input;
  },

  encodeOutput(spec, op, output, requestId): WireResponse {
    return {
      status: op.http.responseCode ?? 200,
      headers: { 'Content-Type': contentType(spec), 'x-amzn-RequestId': requestId },
      body: encodeOutputBody(resolveSpec(spec).output(op), output),
    };
  },

  encodeError(spec, thrown, requestId): WireResponse {
    const error = asAwsError(thrown);
    return {
      status: error.httpStatus,
      headers: { 'Content-Type': contentType(spec), 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.code },
      body: errorBody(spec, error),
    };
  },
};
