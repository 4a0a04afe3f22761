/**
 * The awsQuery protocol (STS, IAM, CloudFormation): form-encoded parameters
 * in, XML out. `Action` and `Version` are the router's; they are not members
 * of any input shape, so decoding ignores them.
 */
import type { AwsError } from '../../errors/aws-error.ts';
import type { ProtocolCodec, WireResponse } from '../types.ts';
import { resolveSpec } from '../spec/resolve.ts';
import { asAwsError, errorDetails } from '../spec/model-error.ts';
import { assertValid } from '../validate.ts';
import { XmlWriter } from '../xml-writer.ts';
import { decodeQueryInput, parameterTree } from './decode.ts';
import { encodeQueryResponse, writeStructureMembers } from './encode.ts';
import type { ServiceSpec } from '../spec/spec-types.ts';

const CONTENT_TYPE = 'text/xml';

function errorXml(spec: ServiceSpec | undefined, error: AwsError, requestId: string): string {
  const w = new XmlWriter().open('ErrorResponse', spec?.xmlNamespace).open('Error');
  w.leaf('Type', error.fault === 'server' ? 'Receiver' : 'Sender').leaf('Code', error.code);
  if (error.message !== '') w.leaf('Message', error.message);
  const details = errorDetails(error);
  if (details && spec) {
    const shape = resolveSpec(spec).errorsByCode.get(error.code);
    if (shape) {
      const extras = Object.fromEntries(Object.entries(details).filter(([k]) => k !== 'message' && k !== 'Message'));
      writeStructureMembers(w, shape, extras);
    }
  }
  return w.close('Error').leaf('RequestId', requestId).close('ErrorResponse').toString();
}

export const awsQueryCodec: ProtocolCodec = {
  decodeInput(spec, op, req) {
    const shape = resolveSpec(spec).input(op);
    if (!shape) return {};
    const body = req.body.length > 0 ? new URLSearchParams(req.body.toString('utf8')) : undefined;
    const tree = body ? parameterTree(req.query, body) : parameterTree(req.query);
    const input = decodeQueryInput(shape, tree);
    assertValid(shape, input, 'ValidationError');
    return input;
  },

  encodeOutput(spec, op, output, requestId): WireResponse {
    return {
      status: 200,
      headers: { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId },
      body: encodeQueryResponse({
        operation: op.name,
        resultWrapper: op.resultWrapper,
        xmlNamespace: spec.xmlNamespace,
        shape: resolveSpec(spec).output(op),
        output,
        requestId,
      }),
    };
  },

  encodeError(spec, thrown, requestId): WireResponse {
    const error = asAwsError(thrown);
    return {
      status: error.httpStatus,
      headers: { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId },
      body: errorXml(spec, error, requestId),
    };
  },
};
