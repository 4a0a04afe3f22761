/**
 * restJson1 requests → typed input. Each input member travels where the
 * model binds it: a URI label (`location: uri`), a query parameter
 * (`querystring`), a header (`header`; jsonvalue headers are not supported: no implemented model has one), a header-prefix map (`headers`), the
 * whole body (the structure's `payload` member: raw bytes for a blob, JSON
 * for a structure), or otherwise as a key of the JSON body.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RMember, RShape } from '../spec/resolve.ts';
import { decodeBase64, parseTimestamp } from '../spec/scalars.ts';
import { decodeValue, parseJsonBody, serializationError, setEntry } from '../aws-json/decode.ts';
import type { WireRequest } from '../types.ts';

const bodyViews = new WeakMap<RShape, RShape>();

/** The structure restricted to its body members (those without an HTTP binding), built once per shape. */
export function bodyView(shape: RShape): RShape {
  let view = bodyViews.get(shape);
  if (!view) {
    const members = shape.members.filter((m) => m.location === undefined && m.name !== shape.raw.payload);
    view = members.length === shape.members.length ? shape : { ...shape, members };
    bodyViews.set(shape, view);
  }
  return view;
}

/** A scalar carried as text (label, query value, header) → its runtime type. */
function decodeText(shape: RShape, text: string): unknown {
  switch (shape.type) {
    case 'string':
      return text;
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(text)) throw serializationError(`STRING_VALUE can not be converted to ${shape.type === 'integer' ? 'an Integer' : 'a Long'}`);
      const n = Number(text);
      if (!Number.isSafeInteger(n) || (shape.type === 'integer' && (n < -(2 ** 31) || n > 2 ** 31 - 1))) throw serializationError();
      return n;
    }
    case 'float':
    case 'double': {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) throw serializationError(`STRING_VALUE can not be converted to a ${shape.type === 'float' ? 'Float' : 'Double'}`);
      return n;
    }
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw serializationError('STRING_VALUE can not be converted to a Boolean');
    case 'timestamp': {
      const date = parseTimestamp(text) ?? httpDate(text);
      if (!date) throw serializationError();
      return date;
    }
    case 'blob': {
      const bytes = decodeBase64(text);
      if (!bytes) throw serializationError();
      return bytes;
    }
    default:
      throw serializationError();
  }
}

function httpDate(text: string): Date | undefined {
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(', ') : v;
}

function decodeQuery(member: RMember, query: URLSearchParams): unknown {
  const shape = member.shape;
  if (shape.type === 'list') {
    const values = query.getAll(member.jsonName);
    return values.length > 0 ? values.map((v) => decodeText(shape.member!.shape, v)) : undefined;
  }
  if (shape.type === 'map') return undefined; // query maps collect unbound parameters; no implemented model uses them
  const v = query.get(member.jsonName);
  return v === null ? undefined : decodeText(shape, v);
}

function decodeHeader(member: RMember, headers: IncomingHttpHeaders): unknown {
  const text = headerValue(headers, member.jsonName);
  if (text === undefined) return undefined;
  const shape = member.shape;
  if (shape.type === 'list') return text.split(',').map((v) => decodeText(shape.member!.shape, v.trim()));
  return decodeText(shape, text);
}

function decodePrefixHeaders(member: RMember, headers: IncomingHttpHeaders): Record<string, string> | undefined {
  const prefix = member.jsonName.toLowerCase();
  const out: Record<string, string> = {};
  let any = false;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(prefix) || value === undefined) continue;
    setEntry(out, name.slice(prefix.length), Array.isArray(value) ? value.join(', ') : value);
    any = true;
  }
  return any ? out : undefined;
}

function decodePayload(member: RMember, body: Buffer): unknown {
  const shape = member.shape;
  if (shape.type === 'blob') return body.length > 0 ? body : undefined;
  if (shape.type === 'string') return body.length > 0 ? body.toString('utf8') : undefined;
  if (body.length === 0) return undefined;
  return decodeValue(shape, parseJsonBody(body));
}

/** Decodes every member from where the model binds it; labels are the route's percent-decoded path labels. */
export function decodeRestInput(shape: RShape, req: WireRequest, labels: Readonly<Record<string, string>>): Record<string, unknown> {
  const payloadName = shape.raw.payload;
  const out: Record<string, unknown> =
    payloadName !== undefined ? {} : (decodeValue(bodyView(shape), parseJsonBody(req.body)) as Record<string, unknown>);
  for (const member of shape.members) {
    let value: unknown;
    switch (member.location) {
      case 'uri':
        value = labels[member.jsonName] !== undefined ? decodeText(member.shape, labels[member.jsonName]) : undefined;
        break;
      case 'querystring':
        value = decodeQuery(member, req.query);
        break;
      case 'header':
        value = decodeHeader(member, req.headers);
        break;
      case 'headers':
        value = decodePrefixHeaders(member, req.headers);
        break;
      default:
        if (member.name === payloadName) value = decodePayload(member, req.body);
        else continue;
    }
    if (value !== undefined) out[member.name] = value;
  }
  return out;
}
