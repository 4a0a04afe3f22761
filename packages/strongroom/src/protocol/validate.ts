/**
 * Model constraint validation with AWS's exact wording:
 *
 *   1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1
 *   2 validation errors detected: <error>; <error>
 *
 * Paths are member names with the first letter lower-cased, list elements
 * `tags.1.member.tagKey`. Values of sensitive shapes (and anything inside
 * one) and of blobs are never printed: AWS writes "Value at 'plaintext'".
 * Lists and maps of scalars are checked as a whole, as AWS does:
 *   Value '[a, b]' at 'names' failed to satisfy constraint: Member must satisfy constraint: [<every element constraint>]
 *   Value '{k=v}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [...]
 */
import { AwsError } from '../errors/aws-error.ts';
import type { RShape } from './spec/resolve.ts';

const NOT_NULL = 'Member must not be null';

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function isScalar(shape: RShape): boolean {
  return shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map';
}

/** Java's toString of a value, as AWS prints it inside '...'. */
function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return '';
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function hidesValue(shape: RShape): boolean {
  if (shape.sensitive || shape.type === 'blob') return true;
  if (shape.type === 'list') return hidesValue(shape.member!.shape);
  if (shape.type === 'map') return hidesValue(shape.value!.shape);
  return false;
}

function fail(errors: string[], shape: RShape, value: unknown, path: string, hidden: boolean, constraint: string): void {
  const shown = hidden || hidesValue(shape) ? '' : ` '${javaString(value)}'`;
  errors.push(`Value${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

/** The first constraint of a scalar shape the value breaks, or undefined. */
function scalarViolation(shape: RShape, value: unknown): string | undefined {
  switch (shape.type) {
    case 'string': {
      const s = value as string;
      if (shape.max !== undefined && s.length > shape.max) return `Member must have length less than or equal to ${shape.max}`;
      if (shape.min !== undefined && s.length < shape.min) return `Member must have length greater than or equal to ${shape.min}`;
      if (shape.pattern !== undefined && !shape.pattern.test(s)) return `Member must satisfy regular expression pattern: ${shape.raw.pattern}`;
      if (shape.enumValues !== undefined && !shape.enumValues.has(s)) return shape.constraints[shape.constraints.length - 1];
      return undefined;
    }
    case 'blob': {
      const n = (value as Uint8Array).byteLength;
      if (shape.max !== undefined && n > shape.max) return `Member must have length less than or equal to ${shape.max}`;
      if (shape.min !== undefined && n < shape.min) return `Member must have length greater than or equal to ${shape.min}`;
      return undefined;
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const n = value as number;
      if (shape.max !== undefined && n > shape.max) return shape.constraints[0];
      if (shape.min !== undefined && n < shape.min) return shape.constraints[shape.max !== undefined ? 1 : 0];
      return undefined;
    }
    default:
      return undefined;
  }
}

function checkScalar(shape: RShape, value: unknown, path: string, hidden: boolean, errors: string[]): void {
  switch (shape.type) {
    case 'string': {
      const s = value as string;
      if (shape.max !== undefined && s.length > shape.max) fail(errors, shape, s, path, hidden, `Member must have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && s.length < shape.min) fail(errors, shape, s, path, hidden, `Member must have length greater than or equal to ${shape.min}`);
      if (shape.pattern !== undefined && !shape.pattern.test(s)) fail(errors, shape, s, path, hidden, `Member must satisfy regular expression pattern: ${shape.raw.pattern}`);
      if (shape.enumValues !== undefined && !shape.enumValues.has(s)) fail(errors, shape, s, path, hidden, shape.constraints[shape.constraints.length - 1]);
      return;
    }
    default: {
      const violation = scalarViolation(shape, value);
      if (violation !== undefined) fail(errors, shape, value, path, hidden, violation);
    }
  }
}

function checkLength(shape: RShape, value: unknown, size: number, path: string, hidden: boolean, errors: string[]): void {
  if (shape.max !== undefined && size > shape.max) fail(errors, shape, value, path, hidden, `Member must have length less than or equal to ${shape.max}`);
  if (shape.min !== undefined && size < shape.min) fail(errors, shape, value, path, hidden, `Member must have length greater than or equal to ${shape.min}`);
}

function checkValue(shape: RShape, value: unknown, path: string, hidden: boolean, errors: string[]): void {
  const hide = hidden || shape.sensitive;
  switch (shape.type) {
    case 'structure':
      checkStructure(shape, value as Record<string, unknown>, path, hide, errors);
      return;
    case 'list': {
      const list = value as unknown[];
      checkLength(shape, list, list.length, path, hide, errors);
      const el = shape.member!.shape;
      if (!el.needsValidation) return;
      if (isScalar(el)) {
        for (const item of list) {
          if (item !== null && item !== undefined && scalarViolation(el, item) === undefined) continue;
          fail(errors, shape, list, path, hide, `Member must satisfy constraint: [${el.constraints.join(', ')}]`);
          return;
        }
        return;
      }
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        const itemPath = `${path}.${i + 1}.member`;
        if (item === null || item === undefined) errors.push(`Value null at '${itemPath}' failed to satisfy constraint: ${NOT_NULL}`);
        else checkValue(el, item, itemPath, hide, errors);
      }
      return;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map);
      checkLength(shape, map, keys.length, path, hide, errors);
      const k = shape.key!.shape;
      const v = shape.value!.shape;
      if (k.needsValidation && keys.some((key) => scalarViolation(k, key) !== undefined)) {
        fail(errors, shape, map, path, hide, `Map keys must satisfy constraint: [${k.constraints.join(', ')}]`);
      }
      if (!v.needsValidation) return;
      if (isScalar(v)) {
        if (keys.some((key) => map[key] !== null && map[key] !== undefined && scalarViolation(v, map[key]) !== undefined)) {
          fail(errors, shape, map, path, hide, `Map value must satisfy constraint: [${v.constraints.join(', ')}]`);
        }
        return;
      }
      for (const key of keys) if (map[key] !== null && map[key] !== undefined) checkValue(v, map[key], `${path}.${key}`, hide, errors);
      return;
    }
    default:
      checkScalar(shape, value, path, hide, errors);
  }
}

function checkStructure(shape: RShape, obj: Record<string, unknown>, prefix: string, hidden: boolean, errors: string[]): void {
  for (const m of shape.members) {
    const v = obj[m.name];
    if (v === undefined || v === null) {
      if (m.required) errors.push(`Value null at '${join(prefix, m.path)}' failed to satisfy constraint: ${NOT_NULL}`);
      continue;
    }
    if (m.shape.needsValidation) checkValue(m.shape, v, join(prefix, m.path), hidden, errors);
  }
}

/** Every constraint violation of a decoded value against a shape, each in AWS's words. */
export function validateShape(shape: RShape, value: unknown): string[] {
  const errors: string[] = [];
  if (shape.needsValidation) {
    if (shape.type === 'structure') checkStructure(shape, (value ?? {}) as Record<string, unknown>, '', shape.sensitive, errors);
    else checkValue(shape, value, '', false, errors);
  }
  return errors;
}

/** "1 validation error detected: a" / "2 validation errors detected: a; b". */
export function validationMessage(errors: readonly string[]): string {
  const n = errors.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`;
}

/** Validate and throw `AwsError(code)` (ValidationException for JSON, ValidationError for query) when anything fails. */
export function assertValid(shape: RShape, value: unknown, code: string): void {
  if (!shape.needsValidation) return;
  const errors = validateShape(shape, value);
  if (errors.length > 0) throw new AwsError(code, validationMessage(errors), 400, 'client');
}
