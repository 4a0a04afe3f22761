/**
 * Typed output → restJson1 response: the `statusCode` member sets the HTTP
 * status, header members become headers, the payload member is the whole
 * body (raw bytes for a blob, JSON for a structure), and the remaining
 * members are the JSON body. Only model members are written.
 */
import type { RMember, RShape } from '../spec/resolve.ts';
import { encodeBase64, rfc822Timestamp, toDate } from '../spec/scalars.ts';
import { encodeOutputBody, encodeValue } from '../aws-json/encode.ts';
import { bodyView } from './decode.ts';

export interface RestOutput {
  status?: number;
  headers: Record<string, string>;
  body: string | Buffer;
  contentType?: string;
}

function headerText(member: RMember, value: unknown): string {
  const shape = member.shape;
  if (shape.type === 'timestamp') return rfc822Timestamp(toDate(value));
  if (shape.type === 'blob') return encodeBase64(value as Uint8Array);
  if (shape.type === 'list') return (value as unknown[]).map(String).join(', ');
  return String(value);
}

export function encodeRestOutput(shape: RShape | undefined, output: Record<string, unknown> | undefined): RestOutput {
  const headers: Record<string, string> = {};
  if (!shape) return { headers, body: '' };
  const out = output ?? {};
  let status: number | undefined;
  for (const member of shape.members) {
    const value = out[member.name];
    if (value === undefined || value === null) continue;
    if (member.location === 'statusCode') status = Number(value);
    else if (member.location === 'header') headers[member.jsonName] = headerText(member, value);
    else if (member.location === 'headers') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) headers[`${member.jsonName}${k}`] = String(v);
    }
  }
  const payloadName = shape.raw.payload;
  if (payloadName === undefined) {
    return { status, headers, body: encodeOutputBody(bodyView(shape), out), contentType: 'application/json' };
  }
  const member = shape.members.find((m) => m.name === payloadName)!;
  const value = out[payloadName];
  if (member.shape.type === 'blob') {
    const bytes = value === undefined || value === null ? Buffer.alloc(0) : Buffer.from(value as Uint8Array);
    return { status, headers, body: bytes, contentType: 'application/octet-stream' };
  }
  if (member.shape.type === 'string') return { status, headers, body: value === undefined || value === null ? '' : String(value), contentType: 'text/plain' };
  const body = value === undefined || value === null ? '{}' : JSON.stringify(encodeValue(member.shape, value));
  return { status, headers, body, contentType: 'application/json' };
}
