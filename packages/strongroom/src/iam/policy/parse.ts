/**
 * Policy documents: JSON text → typed `Policy`, validated the way IAM
 * validates before it stores a document, with IAM's MalformedPolicyDocument
 * messages. Checks run in IAM's order, so a document with several faults
 * reports the one IAM reports: syntax, principal placement, version, legacy
 * parsing, Sid uniqueness, actions, resources, resource format, action names.
 */
import { parseOperatorName } from './conditions/index.ts';
import { parseDate } from './conditions/date.ts';
import { POLICY_MESSAGES as M, PolicyValidationError, type PolicyErrorReason } from './errors.ts';
import type { ConditionBlock, Effect, Policy, PolicyKind, PolicyVersion, PrincipalSpec, Statement } from './types.ts';
import { actionError, conditionKeyError, principalValueError, resourceError, resourceFailsLegacyParsing } from './validate-elements.ts';

export interface ParseOptions {
  readonly kind: PolicyKind;
  /**
   * Reject documents whose Version is not 2012-10-17 ("Policy document must be
   * version 2012-10-17 or greater."). Default: true for identity policies
   * (IAM's rule for user, group, role, managed and session policies), false
   * for resource and trust policies, which also accept 2008-10-17 or no Version.
   */
  readonly requireCurrentVersion?: boolean;
  /** IAM allows only [0-9A-Za-z] in Sid; KMS key and S3 bucket policies allow spaces. Default: true except for resource policies. */
  readonly alphanumericSid?: boolean;
  /**
   * KMS: "If either of the required Resource or Action elements are missing
   * from a key policy statement, the policy statement has no effect" — the
   * document is accepted. Default false.
   */
  readonly allowIneffectiveStatements?: boolean;
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement', 'Conditions']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const VERSIONS = new Set<string>(['2012-10-17', '2008-10-17']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function fail(reason: PolicyErrorReason, message: string): never {
  throw new PolicyValidationError(reason, message);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and validates; throws PolicyValidationError with IAM's message. */
export function parsePolicy(text: string, options: ParseOptions): Policy {
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    return fail('syntax', M.syntax);
  }
  const raw = checkSyntax(json);
  const kind = options.kind;

  for (const s of raw) {
    const hasPrincipal = 'Principal' in s || 'NotPrincipal' in s;
    if (kind === 'identity' && hasPrincipal) fail('principal-forbidden', M.principalForbidden);
    if (kind !== 'identity' && !hasPrincipal) fail('principal-missing', M.principalMissing);
    if (kind === 'trust') {
      if ('Resource' in s) fail('resource-forbidden', M.prohibitedField('Resource'));
      if ('NotResource' in s) fail('resource-forbidden', M.prohibitedField('NotResource'));
    }
  }

  const document = json as JsonObject;
  const versionSpecified = 'Version' in document;
  const version = (versionSpecified ? document.Version : '2008-10-17') as PolicyVersion;
  if ((options.requireCurrentVersion ?? kind === 'identity') && version !== '2012-10-17') fail('version', M.version);

  // IAM's "legacy parsing": exact-case Effect, parsable dates, and ARN shapes.
  let resourceProblem: string | undefined;
  for (const s of raw) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') fail('legacy-parsing', M.legacyParsing);
    if (isObject(s.Condition)) {
      for (const [operator, keys] of Object.entries(s.Condition)) {
        if (!parseOperatorName(operator)?.base.startsWith('Date')) continue;
        for (const values of Object.values(keys as JsonObject)) {
          for (const v of asList(values)) if (parseDate(String(v)) === undefined) fail('legacy-parsing', M.legacyParsing);
        }
      }
    }
    for (const element of ['Resource', 'NotResource'] as const) {
      if (!(element in s)) continue;
      const resources = asList(s[element]) as string[];
      for (const r of [...resources].sort().reverse()) resourceProblem ??= resourceError(r);
      if (resourceProblem === undefined && resources.some(resourceFailsLegacyParsing)) fail('legacy-parsing', M.legacyParsing);
    }
  }

  const sids = new Set<string>();
  for (const s of raw) {
    const sid = s.Sid as string | undefined;
    if (!sid) continue;
    if (sids.has(sid)) fail('sid-duplicate', M.sidDuplicate);
    sids.add(sid);
  }
  if (options.alphanumericSid ?? kind !== 'resource') {
    for (const s of raw) if (typeof s.Sid === 'string' && !/^[0-9A-Za-z]*$/.test(s.Sid)) fail('sid-invalid', M.sidInvalid);
  }

  const lenient = options.allowIneffectiveStatements === true;
  for (const s of raw) {
    const actions = s.Action ?? s.NotAction;
    if (!lenient && (actions === undefined || (Array.isArray(actions) && actions.length === 0))) fail('actions-missing', M.actionsMissing);
  }
  if (kind !== 'trust') {
    for (const s of raw) {
      const resources = s.Resource ?? s.NotResource;
      if (!lenient && (resources === undefined || (Array.isArray(resources) && resources.length === 0))) {
        fail('resources-missing', M.resourcesMissing);
      }
    }
  }
  if (resourceProblem !== undefined) fail('resource-format', resourceProblem);

  for (const s of raw) {
    for (const element of ['Action', 'NotAction'] as const) {
      for (const action of asList(s[element]) as string[]) {
        const problem = actionError(action);
        if (problem) fail('action-format', problem);
        if (kind === 'trust' && element === 'Action' && action !== '*' && action.split(':')[0].toLowerCase() !== 'sts') {
          fail('trust-action', M.trustActions);
        }
      }
    }
    if (isObject(s.Condition)) {
      for (const keys of Object.values(s.Condition)) {
        for (const key of Object.keys(keys as JsonObject)) {
          const problem = conditionKeyError(key);
          if (problem) fail('action-format', problem);
        }
      }
    }
    for (const element of ['Principal', 'NotPrincipal'] as const) {
      const p = s[element];
      if (!isObject(p)) continue;
      for (const [type, values] of Object.entries(p)) {
        for (const v of asList(values) as string[]) {
          const problem = principalValueError(type, v);
          if (problem) fail('principal-invalid', problem);
        }
      }
    }
  }

  return {
    version,
    versionSpecified,
    ...(typeof document.Id === 'string' ? { id: document.Id } : {}),
    statements: raw.map(toStatement),
  };
}

/** The validation error for `text`, or undefined when it is a valid policy of that kind. */
export function validatePolicy(text: string, options: ParseOptions): PolicyValidationError | undefined {
  try {
    parsePolicy(text, options);
    return undefined;
  } catch (error) {
    if (error instanceof PolicyValidationError) return error;
    throw error;
  }
}

function asList(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Structural checks; any failure is "Syntax errors in policy.". Returns the statements. */
function checkSyntax(json: Json): JsonObject[] {
  const syntax = (ok: boolean): void => {
    if (!ok) fail('syntax', M.syntax);
  };
  syntax(isObject(json));
  const document = json as JsonObject;
  for (const key of Object.keys(document)) syntax(TOP_LEVEL.has(key));
  if ('Version' in document) syntax(typeof document.Version === 'string' && VERSIONS.has(document.Version));
  if ('Id' in document) syntax(typeof document.Id === 'string');
  const statement = document.Statement;
  syntax(isObject(statement) || Array.isArray(statement));
  const statements = asList(statement);
  syntax(statements.length > 0);
  for (const s of statements) {
    syntax(isObject(s));
    const st = s as JsonObject;
    for (const key of Object.keys(st)) syntax(STATEMENT_ELEMENTS.has(key));
    syntax(!('Action' in st && 'NotAction' in st));
    syntax(!('Resource' in st && 'NotResource' in st));
    syntax(!('Principal' in st && 'NotPrincipal' in st));
    syntax(typeof st.Effect === 'string' && ['allow', 'deny'].includes(st.Effect.toLowerCase()));
    if ('Sid' in st) syntax(typeof st.Sid === 'string');
    for (const element of ['Action', 'NotAction', 'Resource', 'NotResource']) {
      if (element in st) syntax(isStringOrStrings(st[element]));
    }
    for (const element of ['Principal', 'NotPrincipal']) {
      if (element in st) syntax(isPrincipal(st[element]));
    }
    if ('Condition' in st) syntax(isConditionBlock(st.Condition));
  }
  return statements as JsonObject[];
}

function isStringOrStrings(value: Json): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

function isPrincipal(value: Json): boolean {
  if (value === '*') return true;
  if (!isObject(value) || Object.keys(value).length === 0) return false;
  for (const [type, values] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) fail('principal-invalid', M.principalInvalid(type, JSON.stringify(values)));
    if (!isStringOrStrings(values)) return false;
  }
  return true;
}

function isScalar(value: Json): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isConditionBlock(value: Json): boolean {
  if (!isObject(value)) return false;
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys)) return false;
    for (const v of Object.values(keys)) {
      if (!(isScalar(v) || (Array.isArray(v) && v.every(isScalar)))) return false;
    }
    // An unknown operator is tolerated only with nothing under it.
    if (Object.keys(keys).length > 0 && !parseOperatorName(operator)) return false;
  }
  return true;
}

function strings(value: Json | undefined): readonly string[] | undefined {
  return value === undefined ? undefined : (asList(value) as string[]);
}

function toPrincipal(value: Json | undefined): PrincipalSpec | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  const spec: Record<string, readonly string[]> = {};
  for (const [type, values] of Object.entries(value as JsonObject)) spec[type] = asList(values) as string[];
  return spec;
}

function toCondition(value: Json | undefined): ConditionBlock | undefined {
  if (!isObject(value)) return undefined;
  const block: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    const entry: Record<string, readonly string[]> = {};
    for (const [key, values] of Object.entries(keys as JsonObject)) entry[key] = asList(values).map((v) => String(v));
    block[operator] = entry;
  }
  return block;
}

function toStatement(s: JsonObject): Statement {
  const statement: {
    -readonly [K in keyof Statement]: Statement[K];
  } = { effect: s.Effect as Effect };
  if (typeof s.Sid === 'string') statement.sid = s.Sid;
  if (s.Action !== undefined) statement.action = strings(s.Action);
  if (s.NotAction !== undefined) statement.notAction = strings(s.NotAction);
  if (s.Resource !== undefined) statement.resource = strings(s.Resource);
  if (s.NotResource !== undefined) statement.notResource = strings(s.NotResource);
  if (s.Principal !== undefined) statement.principal = toPrincipal(s.Principal);
  if (s.NotPrincipal !== undefined) statement.notPrincipal = toPrincipal(s.NotPrincipal);
  if (s.Condition !== undefined) statement.condition = toCondition(s.Condition);
  return statement;
}
