/**
 * awsJson request bodies → typed input, shape-directed. Unknown members are
 * ignored, JSON null is "absent". A value of the wrong JSON type is a
 * SerializationException worded as AWS's (Coral's) JSON reader words it:
 *   NUMBER_VALUE can not be converted to a String
 *   STRING_VALUE can not be converted to an Integer
 *   Start of structure or map found where not expected.
 *   Start of list found where not expected
 */
import { AwsError } from '../../errors/aws-error.ts';
import type { RShape } from '../spec/resolve.ts';
import { decodeBase64 } from '../spec/scalars.ts';

export function serializationError(message = ''): AwsError {
  return new AwsError('SerializationException', message, 400, 'client');
}

const TARGET: Record<string, string> = {
  string: 'a String',
  boolean: 'a Boolean',
  integer: 'an Integer',
  long: 'a Long',
  float: 'a Float',
  double: 'a Double',
  timestamp: 'a Date',
  blob: 'a ByteBuffer',
  structure: 'a Structure',
  list: 'a List',
  map: 'a Map',
};

function typeError(shape: RShape, value: unknown): AwsError {
  if (Array.isArray(value)) return serializationError('Start of list found where not expected');
  if (typeof value === 'object') return serializationError('Start of structure or map found where not expected.');
  const token = typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'number' ? 'NUMBER_VALUE' : value ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return serializationError(`${token} can not be converted to ${TARGET[shape.type]}`);
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function decodeNumber(shape: RShape, value: unknown): number {
  if (typeof value !== 'number') throw typeError(shape, value);
  if (shape.type === 'integer' || shape.type === 'long') {
    const n = Math.trunc(value); // Jackson accepts a float for an integer and truncates it
    if (shape.type === 'integer' && (n < INT32_MIN || n > INT32_MAX)) throw typeError(shape, value);
    if (!Number.isSafeInteger(n)) throw typeError(shape, value);
    return n;
  }
  return value;
}

function decodeStructure(shape: RShape, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(shape, value);
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const m of shape.members) {
    const v = src[m.jsonName];
    if (v === undefined || v === null) continue;
    out[m.name] = decodeValue(m.shape, v);
  }
  return out;
}

/** Map keys come from the client: `__proto__` must become an own entry, not the prototype. */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Decode a non-null JSON value into the shape's runtime type. */
export function decodeValue(shape: RShape, value: unknown): unknown {
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw typeError(shape, value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(shape, value);
      return value;
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return decodeNumber(shape, value);
    case 'timestamp':
      if (typeof value === 'number') return new Date(value * 1000);
      throw typeError(shape, value);
    case 'blob': {
      if (typeof value !== 'string') throw typeError(shape, value);
      const bytes = decodeBase64(value);
      if (!bytes) throw serializationError();
      return bytes;
    }
    case 'structure':
      return decodeStructure(shape, value);
    case 'list': {
      if (!Array.isArray(value)) throw typeError(shape, value);
      const el = shape.member!.shape;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = value[i] === null ? null : decodeValue(el, value[i]);
      return out;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(shape, value);
      const el = shape.value!.shape;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== null) setEntry(out, k, decodeValue(el, v));
      }
      return out;
    }
  }
}

/** Parse a request body: empty means `{}`; invalid JSON or a non-object is a message-less SerializationException. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError();
  }
  if (Array.isArray(parsed)) throw serializationError('Start of list found where not expected');
  if (typeof parsed !== 'object' || parsed === null) throw serializationError();
  return parsed as Record<string, unknown>;
}

export function decodeInputStructure(shape: RShape, body: Record<string, unknown>): Record<string, unknown> {
  return decodeStructure(shape, body);
}
