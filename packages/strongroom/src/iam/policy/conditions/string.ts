/**
 * String operators: StringEquals, StringNotEquals, StringEqualsIgnoreCase,
 * StringNotEqualsIgnoreCase (exact; `*` is literal), StringLike and
 * StringNotLike ("The values can include multi-character match wildcards (*)
 * and single-character match wildcards (?) anywhere in the string",
 * case-sensitive). Policy variables are allowed.
 */
import { parseTemplate, renderLiteral, renderPattern, type Template, type VariableSource } from '../template.ts';
import { compilePattern, dynamicPattern, testPattern, type PatternMatcher, type PatternMode } from '../pattern.ts';
import { collectKeys, NO_KEYS, type CompileOptions, type OperatorDefinition, type ValueMatcher } from './operator.ts';

export function equalsMatcher(values: readonly string[], options: CompileOptions, ignoreCase: boolean): ValueMatcher {
  const templates = values.map((v) => parseTemplate(v, options.variablesEnabled));
  if (templates.every((t) => t.staticLiteral !== undefined)) {
    const set = new Set(templates.map((t) => (ignoreCase ? t.staticLiteral!.toLowerCase() : t.staticLiteral!)));
    if (set.size === 1) {
      const only = set.values().next().value as string;
      return { requiredKeys: NO_KEYS, test: ignoreCase ? (v) => v.toLowerCase() === only : (v) => v === only };
    }
    return { requiredKeys: NO_KEYS, test: ignoreCase ? (v) => set.has(v.toLowerCase()) : (v) => set.has(v) };
  }
  return {
    requiredKeys: collectKeys(templates),
    test(requestValue: string, vars: VariableSource): boolean {
      const value = ignoreCase ? requestValue.toLowerCase() : requestValue;
      for (const t of templates) {
        const literal = renderLiteral(t, vars);
        if (literal !== undefined && (ignoreCase ? literal.toLowerCase() : literal) === value) return true;
      }
      return false;
    },
  };
}

/** Wildcard values, shared by StringLike (glob) and the Arn operators (arn). */
export function patternMatcher(values: readonly string[], options: CompileOptions, mode: PatternMode): ValueMatcher {
  const templates = values.map((v) => parseTemplate(v, options.variablesEnabled));
  const statics: PatternMatcher[] = [];
  const dynamics: Template[] = [];
  for (const t of templates) {
    if (t.staticPattern !== undefined) statics.push(compilePattern(t.staticPattern, mode));
    else dynamics.push(t);
  }
  return {
    requiredKeys: collectKeys(dynamics),
    test(requestValue: string, vars: VariableSource): boolean {
      for (const m of statics) if (testPattern(m, requestValue)) return true;
      for (const t of dynamics) {
        const escaped = renderPattern(t, vars);
        if (escaped !== undefined && testPattern(dynamicPattern(escaped, mode), requestValue)) return true;
      }
      return false;
    },
  };
}

export const STRING_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'StringEquals', negated: false, compile: (v, o) => equalsMatcher(v, o, false) },
  { name: 'StringNotEquals', negated: true, compile: (v, o) => equalsMatcher(v, o, false) },
  { name: 'StringEqualsIgnoreCase', negated: false, compile: (v, o) => equalsMatcher(v, o, true) },
  { name: 'StringNotEqualsIgnoreCase', negated: true, compile: (v, o) => equalsMatcher(v, o, true) },
  { name: 'StringLike', negated: false, compile: (v, o) => patternMatcher(v, o, 'glob') },
  { name: 'StringNotLike', negated: true, compile: (v, o) => patternMatcher(v, o, 'glob') },
];
