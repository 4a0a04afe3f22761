/**
 * Policies are compiled once — actions lowercased into sets and wildcard
 * patterns into RegExps, resources into ARN-aware matchers, principals into
 * sets, conditions into value matchers — and cached by document text, so the
 * per-request work is lookups and a few regex tests.
 */
import { compileConditions, type CompiledCondition } from './conditions/index.ts';
import { parsePolicy, type ParseOptions } from './parse.ts';
import { compilePattern, dynamicPattern, testPattern, type PatternMatcher } from './pattern.ts';
import { compilePrincipal, type PrincipalMatcher } from './principal.ts';
import { parseTemplate, renderPattern, type Template, type VariableSource } from './template.ts';
import type { Policy, PolicyKind, PolicyVersion, Statement } from './types.ts';

export interface ActionMatcher {
  readonly any: boolean;
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly PatternMatcher[];
}

export interface ResourceMatcher {
  readonly any: boolean;
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly PatternMatcher[];
  /** Patterns holding policy variables, rendered per request. */
  readonly dynamic: readonly Template[];
}

export interface CompiledStatement {
  readonly index: number;
  readonly sid?: string;
  readonly deny: boolean;
  /** null: the statement has no Action/NotAction (KMS tolerates it; it never applies). */
  readonly actions: ActionMatcher | null;
  readonly notAction: boolean;
  /** null: no Resource/NotResource — applies to any resource in trust policies, none elsewhere. */
  readonly resources: ResourceMatcher | null;
  readonly notResource: boolean;
  /** null in identity policies. */
  readonly principal: PrincipalMatcher | null;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** Context keys every variable of the statement needs ("If AWS cannot resolve a variable, this might cause the entire statement to be invalid"). */
  readonly requiredKeys: readonly string[];
}

export interface CompiledPolicy {
  readonly kind: PolicyKind;
  readonly version: PolicyVersion;
  readonly statements: readonly CompiledStatement[];
  readonly hasDeny: boolean;
  readonly source: Policy;
}

const NONE: readonly string[] = [];
const NO_CONDITIONS: readonly CompiledCondition[] = [];

export function compileParsedPolicy(policy: Policy, kind: PolicyKind): CompiledPolicy {
  const variablesEnabled = policy.version === '2012-10-17';
  const statements = policy.statements.map((s, index) => compileStatement(s, index, kind, variablesEnabled));
  return { kind, version: policy.version, statements, hasDeny: statements.some((s) => s.deny), source: policy };
}

function compileStatement(s: Statement, index: number, kind: PolicyKind, variablesEnabled: boolean): CompiledStatement {
  const actionList = s.action ?? s.notAction;
  const resourceList = s.resource ?? s.notResource;
  const principalSpec = s.principal ?? s.notPrincipal;
  const conditions = s.condition ? compileConditions(s.condition, { variablesEnabled }) : NO_CONDITIONS;
  const resources = resourceList ? compileResources(resourceList, variablesEnabled) : null;
  const required: string[] = [];
  const addKeys = (keys: readonly string[]): void => {
    for (const k of keys) if (!required.includes(k)) required.push(k);
  };
  if (resources) for (const t of resources.dynamic) addKeys(t.requiredKeys);
  for (const c of conditions) if (c.matcher) addKeys(c.matcher.requiredKeys);
  return {
    index,
    ...(s.sid !== undefined && s.sid !== '' ? { sid: s.sid } : {}),
    deny: s.effect === 'Deny',
    actions: actionList ? compileActions(actionList) : null,
    notAction: s.action === undefined && s.notAction !== undefined,
    resources,
    notResource: s.resource === undefined && s.notResource !== undefined,
    principal: kind === 'identity' || !principalSpec ? null : compilePrincipal(principalSpec),
    notPrincipal: s.principal === undefined && s.notPrincipal !== undefined,
    conditions,
    requiredKeys: required.length === 0 ? NONE : required,
  };
}

function compileActions(actions: readonly string[]): ActionMatcher {
  const exact = new Set<string>();
  const patterns: PatternMatcher[] = [];
  let any = false;
  for (const action of actions) {
    const lower = action.toLowerCase().replaceAll('\\', '\\\\');
    const m = compilePattern(lower, 'glob');
    if (m.any) any = true;
    else if (m.exact !== undefined) exact.add(m.exact);
    else patterns.push(m);
  }
  return { any, exact, patterns };
}

function compileResources(resources: readonly string[], variablesEnabled: boolean): ResourceMatcher {
  const exact = new Set<string>();
  const patterns: PatternMatcher[] = [];
  const dynamic: Template[] = [];
  let any = false;
  for (const resource of resources) {
    const template = parseTemplate(resource, variablesEnabled);
    if (template.staticPattern === undefined) {
      dynamic.push(template);
      continue;
    }
    const m = compilePattern(template.staticPattern, 'arn');
    if (m.any) any = true;
    else if (m.exact !== undefined) exact.add(m.exact);
    else patterns.push(m);
  }
  return { any, exact, patterns, dynamic };
}

/** `lowerAction` is the requested action lowercased. */
export function matchActions(m: ActionMatcher, lowerAction: string): boolean {
  if (m.any || m.exact.has(lowerAction)) return true;
  for (let i = 0; i < m.patterns.length; i++) if (testPattern(m.patterns[i], lowerAction)) return true;
  return false;
}

export function matchResources(m: ResourceMatcher, resource: string, vars: VariableSource): boolean {
  if (m.any || m.exact.has(resource)) return true;
  for (let i = 0; i < m.patterns.length; i++) if (testPattern(m.patterns[i], resource)) return true;
  for (let i = 0; i < m.dynamic.length; i++) {
    const escaped = renderPattern(m.dynamic[i], vars);
    if (escaped !== undefined && testPattern(dynamicPattern(escaped, 'arn'), resource)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Cache by document text

/** Same options as parsing: the kind and IAM's per-kind leniencies. */
export type CompilePolicyOptions = ParseOptions;

const cache = new Map<string, CompiledPolicy>();
let cacheLimit = 10_000;

/** Parses (validating; throws PolicyValidationError) and compiles, cached by kind, options and text. */
export function compilePolicy(text: string, options: CompilePolicyOptions): CompiledPolicy {
  const key = `${options.kind}|${options.requireCurrentVersion ?? ''}|${options.alphanumericSid ?? ''}|${options.allowIneffectiveStatements ?? ''}|${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileParsedPolicy(parsePolicy(text, options), options.kind);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

/** For tests and tuning: bounds the compiled-policy cache (oldest entries leave first). */
export function setPolicyCacheLimit(limit: number): void {
  cacheLimit = Math.max(1, limit);
  while (cache.size > cacheLimit) cache.delete(cache.keys().next().value as string);
}

export function policyCacheSize(): number {
  return cache.size;
}
