/**
 * Typed output → awsQuery XML, shape-directed:
 *   <OpResponse xmlns="ns"><OpResult>…</OpResult><ResponseMetadata><RequestId>id</RequestId></ResponseMetadata></OpResponse>
 * lists as <member> children (repeated elements when flattened), maps as
 * <entry><key/><value/></entry>, timestamps ISO 8601, blobs base64.
 */
import type { TimestampFormat } from '../spec/spec-types.ts';
import type { RShape } from '../spec/resolve.ts';
import { encodeBase64, isoTimestamp, rfc822Timestamp, toDate } from '../spec/scalars.ts';
import { XmlWriter } from '../xml-writer.ts';

function timestampText(value: unknown, format: TimestampFormat | undefined): string {
  const date = toDate(value);
  if (format === 'unixTimestamp') return String(date.getTime() / 1000);
  if (format === 'rfc822') return rfc822Timestamp(date);
  return isoTimestamp(date);
}

export function writeStructureMembers(w: XmlWriter, shape: RShape, obj: Record<string, unknown>): void {
  for (const m of shape.members) {
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    writeMember(w, m.xmlName, m.shape, m.flattened, m.timestampFormat, v);
  }
}

function writeMember(w: XmlWriter, name: string, shape: RShape, flattened: boolean, tsFormat: TimestampFormat | undefined, value: unknown): void {
  switch (shape.type) {
    case 'structure':
      w.open(name);
      writeStructureMembers(w, shape, value as Record<string, unknown>);
      w.close(name);
      return;
    case 'list': {
      const el = shape.member!;
      const itemName = flattened ? name : el.xmlName;
      if (!flattened) w.open(name);
      for (const item of value as unknown[]) {
        if (item !== undefined && item !== null) writeMember(w, itemName, el.shape, el.flattened, el.timestampFormat, item);
      }
      if (!flattened) w.close(name);
      return;
    }
    case 'map': {
      const key = shape.key!;
      const val = shape.value!;
      const entryName = flattened ? name : 'entry';
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
      if (!flattened) w.open(name);
      for (const [k, v] of entries) {
        if (v === undefined || v === null) continue;
        w.open(entryName);
        w.leaf(key.xmlName, String(k));
        writeMember(w, val.xmlName, val.shape, val.flattened, val.timestampFormat, v);
        w.close(entryName);
      }
      if (!flattened) w.close(name);
      return;
    }
    case 'string':
      w.leaf(name, value as string);
      return;
    case 'boolean':
      w.leaf(name, value ? 'true' : 'false');
      return;
    case 'timestamp':
      w.leaf(name, timestampText(value, tsFormat));
      return;
    case 'blob':
      w.leaf(name, encodeBase64(value as Uint8Array));
      return;
    default:
      w.leaf(name, String(value));
  }
}

export interface QueryResponseParts {
  operation: string;
  resultWrapper?: string;
  xmlNamespace?: string;
  shape?: RShape;
  output: unknown;
  requestId: string;
}

export function encodeQueryResponse(p: QueryResponseParts): string {
  const root = `${p.operation}Response`;
  const w = new XmlWriter().open(root, p.xmlNamespace);
  if (p.shape) {
    const result = p.resultWrapper ?? `${p.operation}Result`;
    w.open(result);
    if (p.output !== undefined && p.output !== null) writeStructureMembers(w, p.shape, p.output as Record<string, unknown>);
    w.close(result);
  }
  w.open('ResponseMetadata').leaf('RequestId', p.requestId).close('ResponseMetadata');
  return w.close(root).toString();
}
