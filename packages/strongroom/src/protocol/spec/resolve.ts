/**
 * The generated spec tables name shapes by string. The codecs and the
 * validator walk a resolved graph instead: shape objects linked directly,
 * wire names, validation paths and constraint messages computed once, and
 * patterns compiled once. Built on first use of a spec, cached per spec.
 */
import type { ErrorInfo, MemberRef, OperationSpec, ServiceSpec, Shape, ShapeType, TimestampFormat } from './spec-types.ts';
import { compileJavaPattern } from './java-regex.ts';

export interface RMember {
  /** Member name: the key in decoded input and handler output objects. */
  name: string;
  /** As AWS prints it in validation messages: first letter lower-cased. */
  path: string;
  /** JSON key. */
  jsonName: string;
  /** awsQuery key segment. */
  queryName: string;
  /** XML element name. */
  xmlName: string;
  flattened: boolean;
  required: boolean;
  timestampFormat?: TimestampFormat;
  /** REST binding (header, querystring, uri label...); absent for body members. */
  location?: MemberRef['location'];
  shape: RShape;
}

export interface RShape {
  name: string;
  type: ShapeType;
  raw: Shape;
  /** Structure members, model order. */
  members: RMember[];
  /** List member. */
  member?: RMember;
  key?: RMember;
  value?: RMember;
  flattened: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  enumValues?: ReadonlySet<string>;
  sensitive: boolean;
  /** Constraint texts ("Member must ...") in the order AWS lists them for list and map elements. */
  constraints: string[];
  /** This shape or something below it has a constraint or a required member. */
  needsValidation: boolean;
  error?: ErrorInfo;
}

export interface ResolvedSpec {
  spec: ServiceSpec;
  shapes: Map<string, RShape>;
  /** Exception shapes by wire code. */
  errorsByCode: Map<string, RShape>;
  input(op: OperationSpec): RShape | undefined;
  output(op: OperationSpec): RShape | undefined;
}

const cache = new WeakMap<ServiceSpec, ResolvedSpec>();

export function resolveSpec(spec: ServiceSpec): ResolvedSpec {
  let resolved = cache.get(spec);
  if (!resolved) {
    resolved = build(spec);
    cache.set(spec, resolved);
  }
  return resolved;
}

const isNumeric = (t: ShapeType) => t === 'integer' || t === 'long' || t === 'float' || t === 'double';

function bound(shape: Shape, n: number): string {
  return (shape.type === 'float' || shape.type === 'double') && Number.isInteger(n) ? `${n}.0` : String(n);
}

function constraintTexts(shape: Shape): string[] {
  const out: string[] = [];
  if (isNumeric(shape.type)) {
    if (shape.max !== undefined) out.push(`Member must have value less than or equal to ${bound(shape, shape.max)}`);
    if (shape.min !== undefined) out.push(`Member must have value greater than or equal to ${bound(shape, shape.min)}`);
  } else if (shape.type !== 'boolean' && shape.type !== 'timestamp' && shape.type !== 'structure') {
    if (shape.max !== undefined) out.push(`Member must have length less than or equal to ${shape.max}`);
    if (shape.min !== undefined) out.push(`Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.pattern !== undefined) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return out;
}

function build(spec: ServiceSpec): ResolvedSpec {
  const shapes = new Map<string, RShape>();
  for (const [name, raw] of Object.entries(spec.shapes)) {
    shapes.set(name, {
      name,
      type: raw.type,
      raw,
      members: [],
      flattened: raw.flattened === true,
      min: raw.min,
      max: raw.max,
      pattern: raw.pattern !== undefined ? compileJavaPattern(raw.pattern) : undefined,
      enumValues: raw.enum ? new Set(raw.enum) : undefined,
      sensitive: raw.sensitive === true,
      constraints: constraintTexts(raw),
      needsValidation: false,
      error: raw.error,
    });
  }
  const lookup = (name: string): RShape => {
    const s = shapes.get(name);
    if (!s) throw new Error(`${spec.serviceId} spec: unknown shape ${name}`);
    return s;
  };
  const member = (name: string, ref: MemberRef, required: boolean): RMember => {
    const shape = lookup(ref.shape);
    return {
      name,
      path: name.length > 0 ? name[0].toLowerCase() + name.slice(1) : name,
      jsonName: ref.locationName ?? name,
      queryName: ref.queryName ?? ref.locationName ?? name,
      xmlName: ref.locationName ?? ref.xmlName ?? name,
      flattened: ref.flattened === true || shape.flattened,
      required,
      timestampFormat: ref.timestampFormat ?? shape.raw.timestampFormat,
      ...(ref.location !== undefined ? { location: ref.location } : {}),
      shape,
    };
  };
  for (const s of shapes.values()) {
    const raw = s.raw;
    if (raw.members) {
      const required = new Set(raw.required ?? []);
      for (const [name, ref] of Object.entries(raw.members)) s.members.push(member(name, ref, required.has(name)));
    }
    if (raw.member) s.member = member('member', raw.member, false);
    if (raw.key) s.key = member('key', raw.key, false);
    if (raw.value) s.value = member('value', raw.value, false);
  }
  // needsValidation: own constraints, then propagate up to a fixpoint (the graph may be cyclic).
  for (const s of shapes.values()) {
    s.needsValidation = s.constraints.length > 0 || s.members.some((m) => m.required);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of shapes.values()) {
      if (s.needsValidation) continue;
      const children = s.members.map((m) => m.shape);
      for (const c of [s.member, s.key, s.value]) if (c) children.push(c.shape);
      if (children.some((c) => c.needsValidation)) {
        s.needsValidation = true;
        changed = true;
      }
    }
  }
  const errorsByCode = new Map<string, RShape>();
  for (const s of shapes.values()) if (s.error) errorsByCode.set(s.error.code, s);
  return {
    spec,
    shapes,
    errorsByCode,
    input: (op) => (op.input !== undefined ? lookup(op.input) : undefined),
    output: (op) => (op.output !== undefined ? lookup(op.output) : undefined),
  };
}
