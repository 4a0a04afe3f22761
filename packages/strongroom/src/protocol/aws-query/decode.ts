/**
 * awsQuery request parameters → typed input, shape-directed:
 *   Name=v                      scalar member
 *   A.B=v                       nested structure member
 *   Name.member.N=v             list (Name.N when flattened; Name= is the empty list)
 *   Name.entry.N.key / .value   map (Name.N.key when flattened)
 * Keys are split once into a tree, so decoding never builds key strings.
 * Values that do not parse are MalformedInput (400), as AWS's query front end
 * answers: "boolean must follow xsd1.1 definition", "missing value for
 * boolean type", "missing value for decimal type", or no message.
 */
import { AwsError } from '../../errors/aws-error.ts';
import type { RMember, RShape } from '../spec/resolve.ts';
import { decodeBase64, parseTimestamp } from '../spec/scalars.ts';

export interface QueryNode {
  value?: string;
  kids?: Map<string, QueryNode>;
}

export function malformedInput(message = ''): AwsError {
  return new AwsError('MalformedInput', message, 400, 'client');
}

function insert(root: QueryNode, key: string, value: string): void {
  let node = root;
  let start = 0;
  for (;;) {
    const dot = key.indexOf('.', start);
    const part = dot === -1 ? key.slice(start) : key.slice(start, dot);
    node.kids ??= new Map();
    let next = node.kids.get(part);
    if (!next) {
      next = {};
      node.kids.set(part, next);
    }
    node = next;
    if (dot === -1) break;
    start = dot + 1;
  }
  node.value = value;
}

/** Build the parameter tree; later sources override earlier ones. */
export function parameterTree(...sources: URLSearchParams[]): QueryNode {
  const root: QueryNode = {};
  for (const params of sources) for (const [k, v] of params) insert(root, k, v);
  return root;
}

/** The children of a node whose keys are list positions (1, 2, ...), in order. */
function indexed(node: QueryNode | undefined): QueryNode[] {
  if (!node?.kids) return [];
  const items: Array<[number, QueryNode]> = [];
  for (const [k, child] of node.kids) {
    const n = Number(k);
    if (Number.isInteger(n) && n > 0) items.push([n, child]);
  }
  items.sort((a, b) => a[0] - b[0]);
  return items.map((item) => item[1]);
}

const INTEGER = /^[+-]?\d+$/;

function decodeScalar(shape: RShape, text: string): unknown {
  switch (shape.type) {
    case 'string':
      return text;
    case 'boolean':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      throw malformedInput(text === '' ? 'missing value for boolean type' : 'boolean must follow xsd1.1 definition');
    case 'integer':
    case 'long': {
      if (text === '') throw malformedInput('missing value for decimal type');
      const n = Number(text);
      if (!INTEGER.test(text) || !Number.isSafeInteger(n) || (shape.type === 'integer' && (n < -(2 ** 31) || n >= 2 ** 31))) throw malformedInput();
      return n;
    }
    case 'float':
    case 'double': {
      if (text === '') throw malformedInput('missing value for decimal type');
      const n = Number(text);
      if (Number.isNaN(n) && text !== 'NaN') throw malformedInput();
      return n;
    }
    case 'timestamp': {
      const d = parseTimestamp(text);
      if (!d) throw malformedInput();
      return d;
    }
    case 'blob': {
      const bytes = decodeBase64(text);
      if (!bytes) throw malformedInput();
      return bytes;
    }
    default:
      return undefined;
  }
}

function decodeStructure(shape: RShape, node: QueryNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!node.kids) return out;
  for (const m of shape.members) {
    const child = node.kids.get(m.queryName);
    if (!child) continue;
    const v = decodeMember(m, child);
    if (v !== undefined) out[m.name] = v;
  }
  return out;
}

/** Decode the parameters under `node` for a member (its shape plus its flattened trait). */
function decodeMember(m: RMember, node: QueryNode): unknown {
  const shape = m.shape;
  switch (shape.type) {
    case 'structure':
      return decodeStructure(shape, node);
    case 'list': {
      const el = shape.member!;
      const container = m.flattened ? node : node.kids?.get(el.queryName);
      if (!container) return node.value === '' ? [] : undefined;
      const out: unknown[] = [];
      for (const item of indexed(container)) {
        const v = decodeMember(el, item);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    case 'map': {
      const container = m.flattened ? node : node.kids?.get('entry');
      if (!container) return node.value === '' ? {} : undefined;
      const out: Record<string, unknown> = {};
      const key = shape.key!;
      const value = shape.value!;
      for (const entry of indexed(container)) {
        const k = entry.kids?.get(key.queryName)?.value;
        const vNode = entry.kids?.get(value.queryName);
        if (k === undefined || !vNode) continue;
        const v = decodeMember(value, vNode);
        if (v === undefined) continue;
        if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = v;
      }
      return out;
    }
    default:
      return node.value === undefined ? undefined : decodeScalar(shape, node.value);
  }
}

/** Decode an operation's input structure from the parameter tree. */
export function decodeQueryInput(shape: RShape, root: QueryNode): Record<string, unknown> {
  return decodeStructure(shape, root);
}
