/**
 * The shape every condition operator family implements. An operator compiles
 * the policy's values once; at request time `test` answers whether one
 * request value matches ANY of them ("If you specify multiple values for a
 * key, AWS evaluates them using a logical OR"). Negated operators (…NotEquals,
 * …NotLike, NotIpAddress) share the positive matcher and are negated by the
 * evaluator, so `StringNotEquals` with several values means "matches none".
 */
import type { VariableSource } from '../template.ts';

export interface CompileOptions {
  /** Version 2012-10-17: `${…}` is a policy variable. */
  readonly variablesEnabled: boolean;
}

export interface ValueMatcher {
  /** Variables (lowercased keys, no default) the values need; empty for most. */
  readonly requiredKeys: readonly string[];
  /** Does `requestValue` match any policy value (positive sense)? */
  test(requestValue: string, vars: VariableSource): boolean;
}

export interface OperatorDefinition {
  readonly name: string;
  readonly negated: boolean;
  compile(values: readonly string[], options: CompileOptions): ValueMatcher;
}

export const NO_KEYS: readonly string[] = [];

/** Matches nothing (unparsable policy values never match). */
export const NEVER: ValueMatcher = { requiredKeys: NO_KEYS, test: () => false };

export function collectKeys(templates: readonly { readonly requiredKeys: readonly string[] }[]): readonly string[] {
  const keys: string[] = [];
  for (const t of templates) for (const k of t.requiredKeys) if (!keys.includes(k)) keys.push(k);
  return keys.length === 0 ? NO_KEYS : keys;
}
