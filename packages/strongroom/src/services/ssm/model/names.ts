/**
 * Parameter names as AWS accepts them: a-zA-Z0-9_.-/, case-sensitive, at most
 * 1011 characters, fully qualified when hierarchical ("/a/b"), at most 15
 * levels, never prefixed "aws" or "ssm" (case-insensitive). Also the ARN,
 * the parent path used for one-level path queries, and `name:selector`.
 */
import { hierarchyTooDeep, reservedName, validation } from '../errors.ts';

export const MAX_NAME_LENGTH = 1011;
export const MAX_HIERARCHY_LEVELS = 15;
const NAME_CHARS = /^[a-zA-Z0-9_.\-/]+$/;

const PATH_MESSAGE =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
const PREFIX_MESSAGE = 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).';

export interface ParameterScope {
  accountId: string;
  region: string;
}

/** Checks a name a parameter is created with (PutParameter); throws AWS's error. */
export function assertWritableName(name: string): void {
  const hierarchical = name.includes('/');
  if (hierarchical && !name.startsWith('/')) throw validation('Parameter name must be a fully qualified name.');
  const bare = name.replace(/^\//, '').toLowerCase();
  if (/^\/aws\//i.test(name)) throw reservedName(name);
  if (!NAME_CHARS.test(name) || name.includes('//') || name.endsWith('/') || name === '/') throw validation(PATH_MESSAGE);
  if (bare.startsWith('aws') || bare.startsWith('ssm')) throw validation(hierarchical ? PATH_MESSAGE : PREFIX_MESSAGE);
  if (name.length > MAX_NAME_LENGTH) throw validation(`Parameter name: ${name} exceeds the maximum length of ${MAX_NAME_LENGTH} characters.`);
  if (levels(name) > MAX_HIERARCHY_LEVELS) throw hierarchyTooDeep();
}

/** Whether a name could name a stored parameter (lookups answer "not found" rather than a validation error for others). */
export function isPlausibleName(name: string): boolean {
  return NAME_CHARS.test(name) && name.length <= MAX_NAME_LENGTH;
}

function levels(name: string): number {
  return name.split('/').filter((part) => part !== '').length;
}

/** "/a/b/c" → "/a/b"; "/c" and "c" → "/". */
export function parentPath(name: string): string {
  const cut = name.lastIndexOf('/');
  return cut <= 0 ? '/' : name.slice(0, cut);
}

/** arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>. */
export function parameterArn(scope: ParameterScope, name: string): string {
  return `arn:aws:ssm:${scope.region}:${scope.accountId}:parameter/${name.replace(/^\//, '')}`;
}

/** A parameter named by its ARN (as AWS also accepts) → its name; other strings unchanged. */
export function nameFromReference(reference: string): string {
  const match = /^arn:aws[a-z-]*:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(reference);
  if (!match) return reference;
  // Hierarchical names keep their slash in the ARN ("parameter/a/b" ← "/a/b"); flat ones do not.
  return match[1].indexOf('/', 1) === -1 ? match[1].slice(1) : match[1];
}

export type Selector = { kind: 'latest' } | { kind: 'version'; version: number; text: string } | { kind: 'label'; label: string; text: string };

/** "name", "name:3" or "name:label". */
export function parseSelector(reference: string): { name: string; selector: Selector } {
  const ref = nameFromReference(reference);
  const colon = ref.indexOf(':');
  if (colon === -1) return { name: ref, selector: { kind: 'latest' } };
  const name = ref.slice(0, colon);
  const rest = ref.slice(colon + 1);
  if (/^[0-9]+$/.test(rest)) return { name, selector: { kind: 'version', version: Number(rest), text: `:${rest}` } };
  return { name, selector: { kind: 'label', label: rest, text: `:${rest}` } };
}

/** A path for GetParametersByPath: "/" or "/a/b" (a trailing slash is dropped). */
export function normalizePath(path: string): string {
  if (!path.startsWith('/') || !NAME_CHARS.test(path) || path.includes('//')) {
    throw validation(
      'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.',
    );
  }
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  if (levels(trimmed) > MAX_HIERARCHY_LEVELS) throw hierarchyTooDeep();
  return trimmed;
}

/** The smallest string above every string starting with `prefix` (names are ASCII; "~" sorts after every name character). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}~`;
}
