/**
 * Typed output → awsJson, shape-directed: only model members are written (a
 * handler's extra fields never leak), blobs as base64, timestamps as epoch
 * seconds (fractional when the time has milliseconds), absent members omitted.
 */
import type { RShape } from '../spec/resolve.ts';
import { encodeBase64, toDate } from '../spec/scalars.ts';
import { setEntry } from './decode.ts';

function encodeStructure(shape: RShape, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of shape.members) {
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    out[m.jsonName] = encodeValue(m.shape, v);
  }
  return out;
}

export function encodeValue(shape: RShape, value: unknown): unknown {
  switch (shape.type) {
    case 'structure':
      return encodeStructure(shape, value as Record<string, unknown>);
    case 'list': {
      const list = value as unknown[];
      const el = shape.member!.shape;
      if (el.type === 'string' || el.type === 'integer' || el.type === 'long' || el.type === 'boolean') return list;
      return list.map((item) => (item === null || item === undefined ? null : encodeValue(el, item)));
    }
    case 'map': {
      const el = shape.value!.shape;
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) if (v !== undefined && v !== null) setEntry(out, String(k), encodeValue(el, v));
      return out;
    }
    case 'blob':
      return encodeBase64(value as Uint8Array);
    case 'timestamp':
      return toDate(value).getTime() / 1000;
    default:
      return value;
  }
}

export function encodeOutputBody(shape: RShape | undefined, output: unknown): string {
  if (!shape || output === undefined || output === null) return '{}';
  return JSON.stringify(encodeStructure(shape, output as Record<string, unknown>));
}
