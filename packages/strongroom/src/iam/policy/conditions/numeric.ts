/**
 * Numeric operators: NumericEquals, NumericNotEquals, NumericLessThan,
 * NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals
 * (integers or decimals; no policy variables). A request value that is not a
 * number matches nothing.
 */
import { NEVER, NO_KEYS, type OperatorDefinition, type ValueMatcher } from './operator.ts';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

type Compare = (request: number, policy: number) => boolean;

function numericMatcher(values: readonly string[], compare: Compare): ValueMatcher {
  const numbers: number[] = [];
  for (const v of values) {
    const n = parseNumber(v);
    if (n !== undefined) numbers.push(n);
  }
  if (numbers.length === 0) return NEVER;
  return {
    requiredKeys: NO_KEYS,
    test(requestValue: string): boolean {
      const n = parseNumber(requestValue);
      if (n === undefined) return false;
      for (const p of numbers) if (compare(n, p)) return true;
      return false;
    },
  };
}

const eq: Compare = (r, p) => r === p;

export const NUMERIC_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'NumericEquals', negated: false, compile: (v) => numericMatcher(v, eq) },
  { name: 'NumericNotEquals', negated: true, compile: (v) => numericMatcher(v, eq) },
  { name: 'NumericLessThan', negated: false, compile: (v) => numericMatcher(v, (r, p) => r < p) },
  { name: 'NumericLessThanEquals', negated: false, compile: (v) => numericMatcher(v, (r, p) => r <= p) },
  { name: 'NumericGreaterThan', negated: false, compile: (v) => numericMatcher(v, (r, p) => r > p) },
  { name: 'NumericGreaterThanEquals', negated: false, compile: (v) => numericMatcher(v, (r, p) => r >= p) },
];
